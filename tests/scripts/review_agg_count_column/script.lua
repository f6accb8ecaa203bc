-- 2026-11-24 review: {"count", col} ignored its column; it now counts the
-- column's values present, while "count" alone counts rows.
local d = rapkit.dataset{
  g = {"a", "a", "b", "b", "b"},
  v = {1, rapkit.MISSING, rapkit.MISSING, rapkit.MISSING, 5},
}
local agg = d:group_by("g"):agg{rows = "count", present = {"count", "v"}, also_rows = {"count"}}
for row in agg:rows() do print(row.g, row.rows, row.present, row.also_rows) end
local skipped = agg:skipped()
print(skipped.rows, skipped.present, skipped.also_rows)
