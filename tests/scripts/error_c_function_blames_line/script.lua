-- string.gsub calls string.rep from C: Lua gives that error no position
local s = "abc"
local doubled = string.gsub(s, "%w", string.rep)
