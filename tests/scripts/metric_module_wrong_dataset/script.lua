-- 2026-11-24 review: a dataset of the wrong kind is refused with an error that
-- names this script's line, not a line inside the module.
local disp = require("disproportionality")
local find_rate = require("find_rate")
local not_searches = rapkit.dataset{a = {1}}
local pop = rapkit.load("population", "builtin:census-2011-west-midlands")
print(pcall(disp.run, {searches = not_searches, population = pop}))
print(pcall(disp.run, {searches = "searches.csv", population = pop}))
print(pcall(find_rate.run, {searches = not_searches}))
disp.run{searches = not_searches, population = pop}
