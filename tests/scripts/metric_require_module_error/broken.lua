-- a module with a run-time error
local t = {}
local function f() return t.missing.field end
return f()
