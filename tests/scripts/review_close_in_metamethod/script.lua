-- 2027-02 review: a dataset closed by a <close> variable in a metamethod a
-- chart save triggered (a spec or marker table with __index, read through
-- lua_getfield) was freed while the save went on reading it. Spec fields
-- are read raw now: the metamethods never run, and the dataset stays open.
local ds = rapkit.dataset{month = {"2024-01", "2024-02", "2024-03"}, n = {4, 5, 6}}
local ran = 0
local function closing(t, key)
  ran = ran + 1
  local d <close> = ds
  return "2024-02"
end
local marker = setmetatable({at = "2024-02"}, {__index = closing}) -- label comes only through __index
local spec = setmetatable({data = ds, x = "month", y = "n", title = "Detentions held steady",
                           markers = {marker}, shade = {setmetatable({}, {__index = closing})}},
                          {__index = closing})
-- The shaded period's 'from' is only there through __index: it is missing.
print(pcall(function() rapkit.chart.line(spec):save("shaded.svg") end))
spec.shade = nil
local chart = rapkit.chart.line(spec)
chart:save("line.svg")
print("metamethods run:", ran)
print("rows:", ds:nrow())
-- A closed dataset is closed for good, whatever closed it.
do local d <close> = ds end
print(pcall(ds.nrow, ds))
print(pcall(chart.save, chart, "again.svg"))
