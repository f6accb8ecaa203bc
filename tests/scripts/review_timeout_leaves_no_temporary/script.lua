-- 2027-02 review: when the time limit's watchdog ended a run stuck in C
-- code (here, writing a large CSV), it left the write's temporary behind
-- in out/ (.copy.csv.XXXXXX, 33 MB in the review). The watchdog removes
-- the temporaries of the writes under way now. Lua runs no time-limit
-- hook in a finalizer, so this one writes until the watchdog ends the run,
-- which is almost surely in the middle of a write.
setmetatable({}, {__gc = function()
  rapkit.dataset{n = {1}}:write_csv("copy.csv") -- one whole copy, before the large ones
  local ids, areas = {}, {}
  for i = 1, 200000 do ids[i] = i; areas[i] = "area number " .. i % 97 end
  local large = rapkit.dataset{id = ids, area = areas}
  while true do large:write_csv("copy.csv") end
end})
collectgarbage()
print("not reached")
