local counts = rapkit.dataset{names = {"group", "n"}, group = {"Asian", "Black", "Mixed", "White", "Other"}, n = {40, 3, 12, 150, rapkit.MISSING}}
local safe = rapkit.disclose(counts, {cols = {"n"}})
print(safe)
rapkit.chart.bar{data = safe, x = "group", y = "n", title = "Suppressed cells show as [c]"}:save("c.png")
