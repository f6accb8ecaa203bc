-- 2026-11-24 review: a dataset closed during its own callback was freed
-- while filter or mutate went on reading it.
local d = rapkit.dataset{g = {"a", "b", "a"}, n = {1, 2, 3}}
-- Scripts cannot reach __gc, __close or the methods.
print(getmetatable(d), getmetatable(d:group_by("g")))
print(getmetatable(rapkit.chart.bar{data = d, x = "g", y = "n", title = "Title"}))
print(pcall(function() getmetatable(d).__close(d) end))
-- A <close> variable closing the dataset inside the callback.
print(pcall(function()
  return d:filter(function(row) local closing <close> = d; return true end)
end))
print(pcall(function() return d:nrow() end))
local m = rapkit.dataset{n = {1, 2, 3}}
print(pcall(function()
  return m:mutate("twice", function(row) local closing <close> = m; return row.n * 2 end)
end))
print(pcall(function() return #m end))
-- Closing it after the call is fine.
local ok = rapkit.dataset{n = {1, 2, 3}}
local kept = ok:filter(function(row) return row.n > 1 end)
do local closing <close> = ok end
print(kept:nrow(), pcall(function() return ok:nrow() end))
