-- 2026-11-24 review: chart:save made the output folders before checking the
-- chart, so a refused save left folders behind.
local counts = rapkit.read_csv("counts.csv")
local chart = rapkit.chart.bar{data = counts, x = "group", y = "n", title = "Most are A"}
print(pcall(chart.save, chart, "charts/bars.gif"))
print(pcall(chart.save, chart, "charts2/bars"))
local empty = counts:filter{group = "none"}
print(pcall(chart.save, rapkit.chart.bar{data = empty, x = "group", y = "n", title = "T"}, "charts3/x.png"))
-- No folder was made: these names are free for files.
counts:write_csv("charts")
counts:write_csv("charts2")
counts:write_csv("charts3")
