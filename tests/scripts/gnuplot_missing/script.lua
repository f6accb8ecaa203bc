-- Without gnuplot on PATH, a chart with backend = "gnuplot" fails with advice
-- and leaves no file behind; the default backend needs no gnuplot.
local counts = rapkit.read_csv("counts.csv")
rapkit.chart.bar{data = counts, x = "group", y = "n", title = "B has more"}:save("cairo.png")
local chart = rapkit.chart.bar{data = counts, x = "group", y = "n", title = "B has more", backend = "gnuplot"}
print(pcall(chart.save, chart, "gnuplot.svg"))
chart:save("gnuplot.png")
