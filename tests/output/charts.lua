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

-- Bars of several series from a group column, in the ONS order: Mixed
-- Female is withheld by rapkit.disclose (and Asian Female with it, so the
-- total cannot reveal it), Other Female has no row. Grouped, stacked
-- (names beside the last stack, "+ [c]" on the incomplete totals) and 100%
-- stacked, horizontal (no shares for a bar with a part missing).
local groups = rapkit.disclose(rapkit.read_csv("groups.csv"), {cols = {"searches"}, by = {"sex"}, min = 5})
local function groups_chart(extra)
  local spec = {data = groups, x = "ethnicity", y = "searches", group = "sex",
    title = "Men were searched more often than women in every group",
    subtitle = "Searches by officer-defined ethnicity and sex, illustrative data", source = "rapkit test data"}
  for k, v in pairs(extra) do spec[k] = v end
  return rapkit.chart.bar(spec)
end
for _, form in ipairs{{"bar_grouped", {}}, {"bar_stacked", {layout = "stacked"}},
                      {"bar_percent", {layout = "percent", horizontal = true}}} do
  local chart = groups_chart(form[2])
  for _, ext in ipairs{".png", ".svg", ".pdf"} do chart:save(form[1] .. ext) end
end

-- Horizontal bars for long labels, and the focus palette on one bar.
local forces = rapkit.dataset{names = {"force", "change"},
  force = {"Avon and Somerset Constabulary", "Metropolitan Police Service", "West Midlands Police",
           "Greater Manchester Police", "Devon and Cornwall Police"},
  change = {-12.5, 3.25, 0.4, -0.75, 8}}
rapkit.chart.bar{data = forces, x = "force", y = "change", horizontal = true,
  title = "Searches fell most in Avon and Somerset",
  subtitle = "Change in searches per 1,000 people, year ending March 2025 on the year before, illustrative data",
  x_title = "Force", y_title = "Percentage points", source = "rapkit test data",
}:save("bar_horizontal.png"):save("bar_horizontal.svg"):save("bar_horizontal.pdf")
rapkit.chart.bar{data = counts, x = "ethnicity", y = "searches", focus = "Black",
  title = "Black people were searched 2,045 times",
  subtitle = "Searches by officer-defined ethnicity, illustrative data", source = "rapkit test data",
}:save("bar_focus.png"):save("bar_focus.svg"):save("bar_focus.pdf")

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
