-- garbage is collected before the budget counts as spent
local total = 0
for i = 1, 200 do
  local s = string.rep("x", 1 << 20)
  total = total + #s
end
print(total)
