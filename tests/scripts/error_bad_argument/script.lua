local n = 3
local s = string.rep()
