-- 2026-11-24 review: a row kept after its filter or mutate call read freed memory.
local d = rapkit.dataset{a = {1, 2}}
local from_filter, from_mutate
d:filter(function(row) from_filter = row; return true end)
d:mutate("b", function(row) from_mutate = row; return row.a end)
d = nil
collectgarbage()
collectgarbage()
print(pcall(function() return from_filter.a end))
print(pcall(function() return from_mutate.a end))
-- A row that escapes through an error is no better.
local e = rapkit.dataset{a = {1, 2}}
local escaped
print(pcall(function() e:filter(function(row) escaped = row; error("stop") end) end))
print(pcall(function() return escaped.a end))
