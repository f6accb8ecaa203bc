-- Ethnic groups as the ONS style guide names them, never "BAME".
local say = rapkit.say
for _, g in ipairs(rapkit.ETHNIC_GROUPS) do
  print(g, say.group(g))
end
print(say.group("black"))
print(say.ratio(1.6, {group = "Mixed", reference = "White"}))
print(say.ratio(0.9, {group = "Other", reference = "White", verb = "were arrested",
                      lower = 0.7, upper = 1.2}))
print(say.ratio(1.3, {group = "Black officers", reference = "White officers", verb = "left"}))
print(pcall(say.group, "BAME"))
print(pcall(say.ratio, 2.0, {group = "BAME people", reference = "White"}))
print(pcall(say.group, "Chinese"))
