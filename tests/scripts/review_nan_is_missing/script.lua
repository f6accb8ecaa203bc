-- 2026-11-24 review: NaN (equal to nothing, itself included) made one group
-- per row and sorted anywhere; it now enters a column as missing.
local d = rapkit.dataset{x = {0/0, 1.5, 0/0, 1.5}}
print(d:get(1, "x"), d:get(2, "x"))
for row in d:count("x"):rows() do print(row.x, row.n) end
local m = rapkit.dataset{a = {0, 1, 0}}:mutate("ratio", function(row) return row.a / row.a end)
print(m:get(1, "ratio"), m:get(2, "ratio"), m:get(3, "ratio"))
for row in m:sort("ratio", "desc"):rows() do print(row.a, row.ratio) end
print(m:filter{ratio = rapkit.MISSING}:nrow())
