-- dofile is removed
print(rawget(_G, "dofile"))
dofile("script.lua")
