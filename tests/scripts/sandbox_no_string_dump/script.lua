-- string.dump would make binary chunks
print(string.dump, ("").dump)
local chunk = string.dump(print)
