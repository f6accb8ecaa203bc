-- 2026-11-24 review: messages a person can act on.
local d = rapkit.dataset{n = {1, 2, 2}, g = {"a", "b", "b"}}
print(pcall(function() return d:count("n") end))
print(pcall(function() return d:group_by("g"):agg{g = "count"} end))
-- A closed dataset read through an iterator made earlier.
local it = d:rows()
do local closing <close> = d end
print(pcall(it))
print(pcall(function() return d:nrow() end))
-- The header's columns are listed.
print(pcall(rapkit.read_csv, "counts.csv", {columns = {"grop"}}))
-- A chart's size is checked when it is made, NaN included.
local counts = rapkit.read_csv("counts.csv")
print(pcall(rapkit.chart.bar, {data = counts, x = "group", y = "n", title = "T", width = 0/0}))
print(pcall(rapkit.chart.bar, {data = counts, x = "group", y = "n", title = "T", height = 0}))
print(pcall(rapkit.chart.bar, {data = counts, x = "group", y = "n", title = "T", width = 5000}))
