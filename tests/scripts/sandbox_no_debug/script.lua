-- the debug library is not opened
print(rawget(_G, "debug"))
debug.sethook()
