-- load takes text only, whatever mode is asked for
local header = "\27Lua\x54\x00\x19\x93\r\n\x1a\n"
print(load(header))
print(load(header, "chunk", "b"))
print(load(function() local s = header; header = nil; return s end))
