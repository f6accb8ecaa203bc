-- 2027-02 review: a chart's stamp read spec.rows_excluded twice, to count
-- its reasons and then to copy them, with an allocation between; a __gc
-- finalizer that swapped in a longer dataset then wrote past the end of
-- the reasons. The save reads the spec once, from a copy of its own: the
-- stamp lists the reasons the spec had when the save began. Under
-- AddressSanitizer this writes nothing out of bounds.
collectgarbage("incremental", 10, 100, 0)
local watching, calls, swap_at, spec = false, 0, 0, nil
local short = rapkit.dataset{reason = {"vehicle only"}, rows = {30}, names = {"reason", "rows"}}
local reasons, rows = {}, {}
for i = 1, 50 do reasons[i] = "reason " .. i; rows[i] = 100 + i end
local long = rapkit.dataset{reason = reasons, rows = rows, names = {"reason", "rows"}}
local function arm()
  setmetatable({}, {__gc = function()
    if watching then
      calls = calls + 1
      if calls == swap_at then spec.rows_excluded = long end
    end
    arm()
  end})
end
arm()

local data = rapkit.dataset{group = {"Asian", "Black", "White"}, n = {120, 95, 310}, names = {"group", "n"}}
local saved = 0
for k = 1, 120 do
  spec = {data = data, x = "group", y = "n", title = "Searches by group", rows_used = 525,
          rows_excluded = short}
  local chart = rapkit.chart.bar(spec)
  calls, swap_at = 0, k
  watching = true
  local ok, err = pcall(chart.save, chart, "excluded" .. k .. ".svg")
  watching = false
  if ok then saved = saved + 1 else print(k, err) end
end
print("saved:", saved)
collectgarbage("incremental", 200, 100, 13)
