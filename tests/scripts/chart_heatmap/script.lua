-- chart.heatmap checks its spec where the chart is made; save refuses a
-- value outside the given order, two rows for one cell and an unknown RAG
-- level before any file or folder is made; a good heatmap fills a cell
-- with no row in the data with [x].
local cells = rapkit.read_csv("cells.csv")
print(pcall(rapkit.chart.heatmap, {data = cells, row = "area", col = "measure", title = "T"}))
print(pcall(rapkit.chart.heatmap, {data = cells, row = "area", col = "measure", value = "n", title = "T",
  scale = "rag"}))
print(pcall(rapkit.chart.heatmap, {data = cells, row = "area", col = "measure", value = "n", title = "T",
  scale = "diverging"}))
print(pcall(rapkit.chart.heatmap, {data = cells, row = "area", col = "measure", value = "n", title = "T",
  rows = {"North", 2}}))
print(pcall(rapkit.chart.heatmap, {data = cells, row = "area", col = "measure", value = "n", title = "T",
  level = "n"}))
local outside = rapkit.chart.heatmap{data = cells, row = "area", col = "measure", value = "n", title = "T",
  rows = {"North"}}
print(pcall(outside.save, outside, "bad/outside.png"))
local twice = rapkit.chart.heatmap{data = cells, row = "area", col = "measure", value = "n", title = "T"}
print(pcall(twice.save, twice, "bad/twice.png"))
local first3 = cells:filter{n = {12, 3, 8}}
local blue = rapkit.chart.heatmap{data = first3:mutate("level", function(r) return r.n == 3 and "blue" or r.rag end),
  row = "area", col = "measure", value = "n", level = "level", title = "T"}
print(pcall(blue.save, blue, "bad/blue.png"))
local good = rapkit.chart.heatmap{data = first3, row = "area", col = "measure", value = "n", level = "rag",
  cols = {"Searches", "Arrests"}, title = "Searches are red in the North"}
print(tostring(good))
good:save("heatmap.png")
-- decimals: a whole number of places from 0 to 6, for every cell.
print(pcall(rapkit.chart.heatmap, {data = first3, row = "area", col = "measure", value = "n", title = "T",
  decimals = 1.5}))
print(pcall(rapkit.chart.heatmap, {data = first3, row = "area", col = "measure", value = "n", title = "T",
  decimals = 7}))
local fixed = rapkit.chart.heatmap{data = first3, row = "area", col = "measure", value = "n", level = "rag",
  cols = {"Searches", "Arrests"}, decimals = 1, title = "Searches are red in the North"}
fixed:save("fixed.svg")
print(rapkit.read_text("out/fixed.alt.txt"))
