-- Line and interval specs are checked where the chart is made, and save
-- refuses what it cannot draw before any file or folder is made.
local counts = rapkit.read_csv("counts.csv")
print(pcall(rapkit.chart.line, {data = counts, x = "month", y = "n", title = "T", marker = {}}))
print(pcall(rapkit.chart.line, {data = counts, x = "month", y = "n", title = "T", baseline = "one"}))
print(pcall(rapkit.chart.line, {data = counts, x = "month", y = "month", title = "T"}))
local twice = rapkit.chart.line{data = counts, x = "month", y = "n", title = "T"}
print(pcall(twice.save, twice, "lines/twice.png"))
local once = counts:filter{n = 5}
local early = rapkit.chart.line{data = once, x = "month", y = "n", title = "T",
  markers = {{at = "2023-12", label = "before"}}}
print(pcall(early.save, early, "marks/x.png"))
print(tostring(twice))
print(pcall(rapkit.chart.interval, {data = counts, x = "month", estimate = "n", lower = "n", title = "T"}))
print(pcall(rapkit.chart.interval, {data = counts, x = "month", estimate = "n", lower = "n", upper = "n",
  title = "T", reference = "one"}))
