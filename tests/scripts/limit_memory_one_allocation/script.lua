-- one allocation over the budget, inside a C function
local ok, err = pcall(string.rep, "x", 1 << 30)
print("caught", ok, err)
