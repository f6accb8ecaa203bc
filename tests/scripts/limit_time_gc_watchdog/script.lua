-- Lua runs no hooks in __gc: the watchdog ends the run
setmetatable({}, {__gc = function() while true do end end})
collectgarbage()
print("not reached")
