-- Every form of rapkit.chart.bar: series from a group column (drawn in the
-- ONS order, a missing combination "[x]", a small count withheld "[c]"),
-- grouped, stacked and 100% stacked, horizontal, value labels off, and the
-- focus and sequential palettes; one chart saved three times warns once.
local searches = rapkit.disclose(rapkit.read_csv("searches.csv"), {cols = {"searches"}, min = 5})
local function bar(extra)
  local spec = {data = searches, x = "year", y = "searches", group = "ethnicity",
    title = "Searches of Black people rose", source = "rapkit test data"}
  for k, v in pairs(extra) do spec[k] = v end
  return rapkit.chart.bar(spec)
end
print(bar{}:save("grouped.png"))
bar{layout = "stacked", horizontal = true}:save("stacked.svg")
bar{layout = "percent", labels = false}:save("percent.pdf")
bar{focus = "Black"}:save("focus.png")
local shades = bar{layout = "stacked", palette = "sequential", many_colours = false}
shades:save("shades.png"):save("shades.svg"):save("shades.pdf")
bar{layout = "grouped", palette = "categorical", labels = true, horizontal = false}:save("plain.png")
rapkit.chart.bar{data = searches, x = "ethnicity", y = "searches", horizontal = true, focus = "Black",
  title = "One bar in colour"}:save("one.png")
-- The companion table as written: series in the ONS order, one column each.
print(rapkit.read_csv("out/grouped.csv", {types = {Asian = "text", Black = "text", Mixed = "text", White = "text"}}))
