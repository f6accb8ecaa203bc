-- A scheme whose dimension names are long (several words, and one long
-- word) draws its heatmap: the names wrap under their columns on a page
-- sized for the longest word and the longest row name, where before the
-- page widened for whole names (review, 2026-11-24).
local scheme = rapkit.matrix.load("scheme.lua")
local result = scheme:score{data = {log = rapkit.load("activities", "log.csv")}, period = "2025-26 Q2"}
print(#result.rows .. " rows scored")
rapkit.matrix.heatmap(result):save("heatmap.png")
print("heatmap saved")
