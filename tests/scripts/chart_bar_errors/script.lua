-- Bar options are checked where the chart is made; what needs the data
-- (the groups, the focus, the values) where it is saved. Nothing is written.
local g = rapkit.read_csv("groups.csv")
local function spec(extra)
  local t = {data = g, x = "area", y = "people", title = "T"}
  for k, v in pairs(extra) do t[k] = v end
  return t
end
print(pcall(rapkit.chart.bar, spec{layout = "stacked"}))
print(pcall(rapkit.chart.bar, spec{group = "age", layout = "pile"}))
print(pcall(rapkit.chart.bar, spec{horizontal = "yes"}))
print(pcall(rapkit.chart.bar, spec{labels = 1}))
print(pcall(rapkit.chart.bar, spec{many_colours = "true"}))
print(pcall(rapkit.chart.bar, spec{palette = "viridis"}))
print(pcall(rapkit.chart.bar, spec{palette = "focus"}))
print(pcall(rapkit.chart.bar, spec{palette = "categorical", focus = "North"}))
print(pcall(rapkit.chart.bar, spec{palette = "sequential"}))
print(pcall(rapkit.chart.bar, spec{group = "agegroup"}))
local five = rapkit.chart.bar(spec{group = "age"})
print(pcall(five.save, five, "refused/five.png"))
local negative = rapkit.chart.bar(spec{group = "age", many_colours = true, layout = "stacked"})
print(pcall(negative.save, negative, "refused/negative.png"))
local no_series = rapkit.chart.bar(spec{group = "age", many_colours = true, focus = "Over 65"})
print(pcall(no_series.save, no_series, "refused/focus.png"))
local no_category = rapkit.chart.bar(spec{focus = "South"})
print(pcall(no_category.save, no_category, "refused/focus.png"))
local twice = rapkit.chart.bar(spec{group = "age", x = "age"})
print(pcall(twice.save, twice, "refused/twice.png"))
local seven = rapkit.dataset{area = {"N", "N", "N", "N", "N", "N", "N"}, people = {1, 2, 3, 4, 5, 6, 7},
  age = {"a", "b", "c", "d", "e", "f", "g"}}
local many = rapkit.chart.bar{data = seven, x = "area", y = "people", group = "age", title = "T", many_colours = true}
print(pcall(many.save, many, "refused/seven.png"))
