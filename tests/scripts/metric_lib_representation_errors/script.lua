-- representation.run refuses missing and wrong arguments, naming the line
-- that called it.
local representation = require("representation")
local workforce = rapkit.load("workforce", "workforce-west-midlands-2019-2024.csv")
local events = rapkit.load("workforce_events", "workforce-events-2024-25.csv")
local function try(f) print(select(2, pcall(f))) end
try(function() representation.run{force = "West Midlands"} end)
try(function() representation.run{workforce = events} end)
try(function() representation.run{workforce = workforce, force = "Essex"} end)
try(function() representation.run{workforce = workforce, from = 2024, to = 2019} end)
try(function() representation.run{workforce = workforce, by = "rank"} end)
try(function() representation.run{workforce = workforce, benchmark = workforce} end)
try(function() representation.run{workforce = workforce, form = 2019} end)
representation.run("workforce")
