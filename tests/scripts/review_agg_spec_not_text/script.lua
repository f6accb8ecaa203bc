-- 2026-11-24 review: agg converted a number given as the operation or the
-- column to a string on the stack, then used it after popping it.
local d = rapkit.dataset{g = {"a", "b"}, v = {1, 2}}
print(pcall(function() return d:group_by("g"):agg{x = {"sum", 5}} end))
print(pcall(function() return d:group_by("g"):agg{x = {5, "v"}} end))
print(pcall(function() return d:group_by("g"):agg{x = 7} end))
local ok = d:group_by("g"):agg{x = {"sum", "v"}}
print(ok:get(1, "x"), ok:get(2, "x"))
