-- 2025 review: the impact matrix showed 13.96 as "14.0" in the level below
-- 14, rounded a fall of 0.05 to no change (floor(v * 10 + 0.5): -0.05 gave
-- 0.0 but 0.05 gave 0.1; -1.45 gave -1.4 but 1.45 gave 1.5) and printed
-- 0.004 as "0".

-- Totals are a + b and a level starts at 14: a shown total keeps its level
-- (13.96; 13.996, which takes the heatmap to three places), and 0.004 shows.
local log = rapkit.read_csv("log.csv")
local scheme = rapkit.matrix{
  name = "shown", version = 1,
  rows = {data = "log", key = "activity", date = "date"},
  dimensions = {
    {name = "A", scale = {min = 0, max = 10}, score = function(records) return records[1].a end},
    {name = "B", scale = {min = 0, max = 10}, score = function(records) return records[1].b end},
  },
  weights = {A = 1, B = 1},
  thresholds = {{min = 0, level = "Low", rag = "red"}, {min = 14, level = "High", rag = "green"}},
}
rapkit.matrix.run{scheme = scheme, data = {log = log}, period = "2025-26 Q2", compare = "2025-26 Q1"}
for _, name in ipairs({"table.md", "summary.md", "heatmap.csv", "heatmap.alt.txt", "change.alt.txt"}) do
  print("== " .. name)
  print(rapkit.read_text("out/shown/" .. name))
end

-- Totals 0.5a + 1.5b at one place, halves away from zero both ways:
-- -0.05 -> -0.1, 0.05 -> 0.1, -0.15 -> -0.2, 0.15 -> 0.2, -1.45 -> -1.5, 1.45 -> 1.5.
local halves = rapkit.matrix{
  name = "halves", version = 1,
  rows = {data = "halves", key = "activity", date = "date"},
  dimensions = {
    {name = "A", scale = {min = -5, max = 5}, score = function(records) return records[1].a end},
    {name = "B", scale = {min = -5, max = 5}, score = function(records) return records[1].b end},
  },
  weights = {A = 0.5, B = 1.5},
}
local result = halves:score{data = {halves = rapkit.read_csv("halves.csv")}, period = "2025-26 Q2"}
rapkit.matrix.heatmap(result):save("halves.svg")
print("== halves.csv")
print(rapkit.read_text("out/halves.csv"))
