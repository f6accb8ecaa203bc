-- chart.spc draws a rapkit.stats.spc result; the spec is checked where the
-- chart is made, and a result without labels is drawn by point number.
local r = rapkit.stats.spc({5, 7, 6, nil, 9, 8, 7})
print(pcall(rapkit.chart.spc, {spc = r, title = "T", step = "x"}))
print(pcall(rapkit.chart.spc, {spc = {1, 2, 3}, title = "T"}))
print(pcall(rapkit.chart.spc, {spc = r}))
print(pcall(rapkit.chart.spc, {title = "T"}))
local bad = rapkit.chart.spc{spc = {points = {{value = 1, segment = 1, centre = "one"}}}, title = "T"}
print(pcall(bad.save, bad, "bad/spc.png"))
local chart = rapkit.chart.spc{spc = r, title = "Counts held steady"}
print(tostring(chart))
chart:save("steady.png")
