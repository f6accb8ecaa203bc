-- pcall must not swallow the deadline
local ok, err = pcall(function()
  while true do end
end)
print("caught", ok, err)
