-- backend is "cairo" or "gnuplot", checked when the chart is made; text that
-- the SVG cannot hold is refused before gnuplot runs.
local counts = rapkit.read_csv("counts.csv")
print(pcall(rapkit.chart.bar, {data = counts, x = "group", y = "n", title = "T", backend = "gnuplto"}))
print(pcall(rapkit.chart.line, {data = counts, x = "group", y = "n", title = "T", backend = 1}))
local bell = rapkit.chart.bar{data = counts, x = "group", y = "n", title = "T\7", backend = "gnuplot"}
print(pcall(bell.save, bell, "bell.svg"))
rapkit.chart.bar{data = counts, x = "group", y = "n", title = "T", backend = "cairo"}:save("cairo.png")
-- the bar forms only rapkit draws are refused, and so is faceting, before any file is made
local sideways = rapkit.chart.bar{data = counts, x = "group", y = "n", title = "T", horizontal = true,
  backend = "gnuplot"}
print(pcall(sideways.save, sideways, "sideways.png"))
local faceted = rapkit.chart.bar{data = counts, x = "group", y = "n", title = "T", facet = "group",
  backend = "gnuplot"}
print(pcall(faceted.save, faceted, "faceted.png"))
