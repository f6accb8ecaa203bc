-- The bar, line and interval charts of charts.lua drawn by gnuplot, in every
-- format; then a bar chart whose labels (from hostile.csv, written by
-- check_gnuplot.py) would run commands if gnuplot read them as code.
local counts = rapkit.read_csv("counts.csv")
rapkit.chart.bar{
  data = counts, x = "ethnicity", y = "searches",
  title = "People seen as White were searched most often",
  subtitle = "Searches by officer-defined ethnicity, illustrative data",
  source = "rapkit test data", backend = "gnuplot",
}:save("bar.png"):save("bar.svg"):save("bar.pdf")

local monthly = rapkit.disclose(rapkit.read_csv("monthly.csv"), {cols = {"searches"}, min = 5})
rapkit.chart.line{
  data = monthly, x = "month", y = "searches", group = "group",
  title = "Searches of Black people rose after the new policy",
  subtitle = "Stop and searches per month by ethnic group, illustrative data",
  source = "rapkit test data",
  markers = {{at = "2024-02", label = "RCRP go-live"}},
  shade = {{from = "2023-12", to = "2024-01", label = "Holiday period"}},
  backend = "gnuplot",
}:save("line.png"):save("line.svg"):save("line.pdf")

rapkit.chart.interval{
  data = rapkit.read_csv("ratios.csv"), x = "group", estimate = "ratio", lower = "lower", upper = "upper",
  title = "Black people were searched at 3.5 times the rate of White people",
  subtitle = "Rate ratio with 95% confidence interval, compared with White, illustrative data",
  source = "rapkit test data", x_title = "Rate ratio", backend = "gnuplot",
}:save("interval.png"):save("interval.svg"):save("interval.pdf")

rapkit.chart.bar{
  data = rapkit.read_csv("hostile.csv", {types = {label = "text", n = "integer"}}), x = "label", y = "n",
  title = "Labels are drawn, never run", width = 1000, backend = "gnuplot",
}:save("hostile.svg")
