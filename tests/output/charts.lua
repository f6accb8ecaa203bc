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

-- Line: three groups, a month with no rows (2024-03 for Black), a missing
-- value (Black 2023-12), a small count withheld by rapkit.disclose (Asian
-- 2024-03), a marker and a shaded period.
local monthly = rapkit.disclose(rapkit.read_csv("monthly.csv"), {cols = {"searches"}, min = 5})
rapkit.chart.line{
  data = monthly, x = "month", y = "searches", group = "group",
  title = "Searches of Black people rose after the new policy",
  subtitle = "Stop and searches per month by ethnic group, illustrative data",
  source = "rapkit test data",
  markers = {{at = "2024-02", label = "RCRP go-live"}},
  shade = {{from = "2023-12", to = "2024-01", label = "Holiday period"}},
}:save("line.png"):save("line.svg"):save("line.pdf")

-- Interval: rate ratios in the data's order, drawn in the ONS order, one
-- without an interval and one without an estimate.
rapkit.chart.interval{
  data = rapkit.read_csv("ratios.csv"), x = "group", estimate = "ratio", lower = "lower", upper = "upper",
  title = "Black people were searched at 3.5 times the rate of White people",
  subtitle = "Rate ratio with 95% confidence interval, compared with White, illustrative data",
  source = "rapkit test data", x_title = "Rate ratio",
}:save("interval.png"):save("interval.svg"):save("interval.pdf")
