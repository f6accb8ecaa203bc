-- A metric's result states its rows on the chart's stamp as it is:
-- rows_used = result.used, rows_excluded = result.excluded (a dataset of
-- reason and rows, 0 rows included). The stamp names the library's files by
-- their path in the source tree, so its text is checked exactly in
-- chart_stamp (with a dataset of the same shape); here, that a metric's
-- result is taken as it is and NAME.json written.
local disp = require("disproportionality")
local person, group = {}, {}
local function add(n, is_person, g)
  for _ = 1, n do
    person[#person + 1] = is_person
    group[#group + 1] = g == nil and rapkit.MISSING or g
  end
end
add(400, true, "Black")
add(900, true, "White")
add(60, true, "Asian")
add(30, true, "Mixed")
add(20, true, "Other")
add(12, false, nil)          -- vehicle only
add(8, true, "Not stated")
local searches = rapkit.dataset{person_search = person, ethnic_group = group}
local population = rapkit.load("population", "builtin:census-2011-west-midlands")
local result = disp.run{searches = searches, population = population}
print("used", result.used)
for row in result.excluded:rows() do print("excluded", row.reason, row.rows) end
rapkit.chart.interval{
  data = result.rates, x = "ethnic_group", estimate = "ratio", lower = "ratio_lower", upper = "ratio_upper",
  title = "Black people were searched at 5 times the rate of White people",
  rows_used = result.used, rows_excluded = result.excluded,
}:save("ratios.svg")
