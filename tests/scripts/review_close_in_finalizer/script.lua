-- 2027-02 review: a dataset closed by a <close> variable in a __gc
-- finalizer was freed at once, though the finalizer ran during an
-- allocation inside a binding that was reading the dataset (a bar save's
-- labels, ds:to_table's rows). A close with a binding on the call stack is
-- deferred now: the dataset is closed for the script at once, and freed
-- when collected. Under AddressSanitizer this reads no freed memory.

-- Finalizers at nearly every allocation, and one that re-arms itself and
-- closes `target` at its k-th call while `watching`.
collectgarbage("incremental", 10, 100, 0)
local watching, calls, target, close_at = false, 0, nil, 0
local function arm()
  setmetatable({}, {__gc = function()
    if watching then
      calls = calls + 1
      if calls == close_at then local d <close> = target end
    end
    arm()
  end})
end
arm()

local function areas()
  local labels, counts = {}, {}
  for i = 1, 30 do labels[i] = "area " .. i; counts[i] = i end
  return rapkit.dataset{area = labels, searches = counts}
end

-- Closed at each point of a bar save in turn: the save either refuses the
-- closed dataset (closed before the save took it) or draws every bar.
local saved_after_close, refused, other = 0, 0, {}
for k = 1, 150 do
  local ds = areas()
  local chart = rapkit.chart.bar{data = ds, x = "area", y = "searches", title = "Searches by area",
                                 width = 400}
  target, close_at, calls = ds, k, 0
  watching = true
  local ok, err = pcall(chart.save, chart, "bars" .. k .. ".svg")
  watching = false
  if ok and calls >= k then
    local table = rapkit.read_csv("out/bars" .. k .. ".csv")
    if table:nrow() == 30 then saved_after_close = saved_after_close + 1 end
  elseif not ok and err:find("got a closed dataset", 1, true) then
    refused = refused + 1
  elseif not ok then
    other[#other + 1] = err
  end
  if calls >= k and pcall(ds.nrow, ds) then other[#other + 1] = "still open after close " .. k end
end
print("saves with every bar after the dataset was closed during them:", saved_after_close > 0)
print("saves that refused the dataset closed before they took it:", refused > 0)
print("anything else:", #other, other[1])

-- Closed at each point of ds:to_table: the table has every row.
local whole, closed = 0, 0
for k = 1, 100 do
  local ds = areas()
  target, close_at, calls = ds, k, 0
  watching = true
  local rows = ds:to_table()
  watching = false
  if #rows == 30 and rows[30].area == "area 30" and rows[30].searches == 30 then whole = whole + 1 end
  if calls >= k and not pcall(ds.nrow, ds) then closed = closed + 1 end
end
print("to_table whole every time:", whole == 100, "closed during it at least once:", closed > 0)
collectgarbage("incremental", 200, 100, 13)
collectgarbage()
