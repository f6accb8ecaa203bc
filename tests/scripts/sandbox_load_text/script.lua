-- load runs text chunks in the sandbox's globals unless given an env
print(load("return 1 + 1")())
print(load("return type(rapkit.version)")())
print(load("return x * 2", "doubling", "t", {x = 21})())
local pieces = {"return ", "'pie", "ces'"}
print(load(function() return table.remove(pieces, 1) end)())
print(load("return = 1"))
print(load("return io", "=probe")())
