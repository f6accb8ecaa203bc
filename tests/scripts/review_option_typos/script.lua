-- 2026-11-24 review: misspelt options were ignored.
print(pcall(rapkit.read_csv, "counts.csv", {lenent = true}))
print(pcall(rapkit.read_csv, "counts.csv", {true}))
local counts = rapkit.read_csv("counts.csv", {lenient = false, types = {n = "number"}})
print(counts:type("n"))
print(pcall(rapkit.chart.bar, {data = counts, x = "group", y = "n", titel = "Most are A"}))
print(pcall(rapkit.chart.bar, {data = counts, x = "group", y = "n", title = "Most are A", 160}))
