-- loadfile is removed
print(rawget(_G, "loadfile"))
loadfile("script.lua")
