error(setmetatable({}, {__tostring = function() return "custom failure" end}))
