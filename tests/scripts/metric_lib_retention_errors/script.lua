-- retention.run refuses missing and wrong arguments, naming the line that
-- called it.
local retention = require("retention")
local events = rapkit.load("workforce_events", "workforce-events-2024-25.csv")
local s136 = rapkit.load("s136", "s136-monthly.csv")
local function try(f) print(select(2, pcall(f))) end
try(function() retention.run{period = "2024-25"} end)
try(function() retention.run{events = s136} end)
try(function() retention.run{events = events, period = 2024} end)
try(function() retention.run{events = events, group = "BAME"} end)
try(function() retention.run{events = events, period = "2023-24"} end)
retention.run{events = events, groups = "Black"}
