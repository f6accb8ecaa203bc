-- chart.funnel checks its spec where the chart is made and refuses a
-- negative count before any file or folder is made; a good funnel writes
-- the chart and its companions.
local stages = rapkit.read_csv("stages.csv")
print(pcall(rapkit.chart.funnel, {data = stages, stage = "stage", title = "T"}))
print(pcall(rapkit.chart.funnel, {data = stages, stage = "stage", value = "stage", title = "T"}))
print(pcall(rapkit.chart.funnel, {data = stages, stage = "stage", value = "people", title = "T", order = {}}))
local bad = rapkit.chart.funnel{data = stages, stage = "stage", value = "people", title = "T"}
print(pcall(bad.save, bad, "bad/funnel.png"))
local good = rapkit.chart.funnel{data = stages:filter{people = {100, 30}}, stage = "stage", value = "people",
  title = "Three in ten confirmed places were attended"}
print(tostring(good))
good:save("funnel.png")
