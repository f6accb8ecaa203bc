-- Small multiples: one panel per value of a facet column on one page, with
-- shared scales; the companion table leads with the facet.
local monthly = rapkit.read_csv("monthly.csv")
rapkit.chart.line{data = monthly, x = "month", y = "detentions", facet = "area",
  title = "Detentions fell in every area after July",
  subtitle = "Section 136 detentions per month, West Midlands, 2024 (illustrative)",
  source = "Illustrative data from rapkit's tests", y_title = "Detentions"}:save("areas.png")
print("line saved")

local ratios = rapkit.read_csv("ratios.csv")
rapkit.chart.interval{data = ratios, x = "group", estimate = "ratio", lower = "lower", upper = "upper",
  facet = "year", title = "Black people were searched most often in both years",
  x_title = "Rate ratio against White people"}:save("ratios.svg")
print("interval saved")

local funnel = rapkit.read_csv("funnel.csv")
rapkit.chart.funnel{data = funnel, stage = "stage", value = "people", facet = "cohort", columns = 1,
  title = "More of the 2025 cohort applied"}:save("funnel.pdf")
print("funnel saved")

rapkit.chart.bar{data = ratios, x = "group", y = "ratio", facet = "year", focus = "Black",
  title = "The ratio for Black people fell but stayed the highest", y_title = "Rate ratio"}:save("bars.png")
print("bar saved")

-- SPC small multiples: one result per panel, labelled by facet
local months = {}
for m = 1, 12 do months[m] = string.format("2024-%02d", m) end
local north = rapkit.stats.spc({30, 32, 29, 31, 30, 33, 22, 21, 23, 20, 22, 21}, {labels = months, step_at = "2024-07"})
local south = rapkit.stats.spc({12, 11, 13, 12, 14, 12, 11, 12, 13, 12, 11, 12}, {labels = months})
rapkit.chart.spc{spc = {north, south}, facet = {"North", "South"}, title = "Detentions stepped down in the North",
  y_title = "Detentions"}:save("spc.png")
print("spc saved")
print(pcall(rapkit.chart.spc, {spc = {north}, facet = {"North", "South"}, title = "T"}))
print(pcall(rapkit.chart.spc, {spc = north, facet = "North", title = "T"}))

-- the companion table: the facet first, then the panel's columns
for line in rapkit.read_csv("out/funnel.csv"):rows() do print(line.cohort, line.stage, line.people) end

-- errors: a facet that is not a column, columns without facet, too many panels
print(pcall(rapkit.chart.line, {data = monthly, x = "month", y = "detentions", facet = "force", title = "T"}))
print(pcall(rapkit.chart.line, {data = monthly, x = "month", y = "detentions", columns = 2, title = "T"}))
print(pcall(rapkit.chart.line, {data = monthly, x = "month", y = "detentions", facet = "area", columns = 0,
  title = "T"}))
local panels, xs, ys = {}, {}, {}
for i = 1, 13 do panels[i], xs[i], ys[i] = "panel " .. i, "2024-01", i end
local too_many = rapkit.chart.line{data = rapkit.dataset{panel = panels, month = xs, n = ys}, x = "month", y = "n",
  facet = "panel", title = "T"}
print(pcall(too_many.save, too_many, "many.png"))
-- a facet value missing in a row
local gap = rapkit.chart.line{data = monthly, x = "month", y = "detentions", facet = "detentions", title = "T"}
print(pcall(gap.save, gap, "gap.png"))
