-- Saves one bar chart in every format, at the default and a custom size.
local counts = rapkit.read_csv("counts.csv")
local chart = rapkit.chart.bar{
  data = counts, x = "ethnicity", y = "searches",
  title = "People seen as White were searched most often",
  subtitle = "Searches by officer-defined ethnicity, illustrative data",
  source = "rapkit test data",
}
chart:save("bar.png")
chart:save("bar.svg")
chart:save("bar.pdf")
rapkit.chart.bar{
  data = counts, x = "ethnicity", y = "searches", title = "Custom size", width = 80, height = 60,
}:save("small.png")
