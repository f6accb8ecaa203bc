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

-- SPC: the rapkit.stats.spc result drawn as it is, with a step at go-live,
-- a missing month (a gap, "[x]") and a signal beyond the upper limit.
local months = rapkit.period.months("2023-04", "2024-09")
local detentions = {210, 205, 220, 198, 215, 230, 212, nil, 208, 221, 240, 290, 180, 176, 170, 182, 178, 168}
rapkit.chart.spc{
  spc = rapkit.stats.spc(detentions, {labels = months, step_at = "2024-02"}),
  title = "Detentions fell after RCRP go-live",
  subtitle = "Section 136 detentions per month, illustrative data",
  source = "rapkit test data", x_title = "Month", y_title = "Detentions", step_label = "RCRP go-live",
}:save("spc.png"):save("spc.svg"):save("spc.pdf")

-- Funnel: stages in the data's order with conversions from the previous
-- and the first stage.
rapkit.chart.funnel{
  data = rapkit.read_csv("funnel.csv"), stage = "stage", value = "people",
  title = "One in twenty confirmed places led to an application",
  subtitle = "People at each stage of the scheme, illustrative data",
  source = "rapkit test data", x_title = "People", y_title = "Stage",
}:save("funnel.png"):save("funnel.svg"):save("funnel.pdf")

-- Heatmap: RAG levels, rows and columns in a given order, a cell with no
-- value ("[x]") and a cell with no row in the data ("[x]").
rapkit.chart.heatmap{
  data = rapkit.read_csv("impact.csv"), row = "area", col = "measure", value = "score", level = "rag",
  rows = {"North", "East", "South"}, cols = {"Stop and search", "Use of force", "Detentions"},
  title = "Stop and search is red in the North",
  subtitle = "Disparity ratio by area and measure, illustrative data",
  source = "rapkit test data", x_title = "Measure", y_title = "Area",
}:save("heatmap.png"):save("heatmap.svg"):save("heatmap.pdf")
