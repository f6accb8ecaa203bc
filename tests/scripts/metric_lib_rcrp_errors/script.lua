-- rcrp.run refuses missing and wrong arguments, naming the line that called it.
local rcrp = require("rcrp")
local monthly = rapkit.load("s136", "s136-monthly.csv")
local detentions = rapkit.load("s136", "s136-detentions-2024-05.csv")
local function try(f) print(select(2, pcall(f))) end
try(function() rcrp.run{s136 = monthly} end)
try(function() rcrp.run{go_live = "2024-02"} end)
try(function() rcrp.run{s136 = detentions, go_live = "2024-02"} end)
try(function() rcrp.run{s136 = monthly, go_live = "February 2024"} end)
try(function() rcrp.run{s136 = monthly, go_live = "2025-02"} end)
rcrp.run{s136 = monthly, golive = "2024-02"}
