-- 2027-02 review: rapkit.figure read its spec with lua_getfield (an
-- __index could hand it a string only the stack held, popped at once) and
-- kept the strings of the title, the caveats and the labels past the chart's
-- save, anchored only by the script's own tables, which a finalizer may
-- change during the save. The pack then laid the page out from freed text.
-- The spec is read raw from a copy now: the metamethod never runs (the
-- title is the chart's), and the page has the text the spec gave.
collectgarbage("incremental", 10, 100, 0)
local spec, replaced = nil, 0
local function fresh(text) return (text .. "#"):sub(1, -2) end
local function arm()
  setmetatable({}, {__gc = function()
    if spec then -- the same text in new strings: the old ones are garbage
      replaced = replaced + 1
      spec.caveats = {fresh("Four months is too short to show a change."), fresh("The counts are provisional.")}
      spec.labels = {stage = fresh("Stage"), people = fresh("People")}
      spec.statement = fresh("30 of 100 attended.")
    end
    arm()
  end})
end
arm()
for _ = 1, 1000 do local warm_up = {} end -- the collector runs at every allocation from here
local counts = rapkit.read_csv(rapkit.data.counts)
spec = setmetatable({
  name = "stages",
  chart = rapkit.chart.bar{data = counts, x = "stage", y = "people", title = "People at each stage"},
  statement = fresh("30 of 100 attended."),
  table = counts,
  caveats = {fresh("Four months is too short to show a change."), fresh("The counts are provisional.")},
  labels = {stage = fresh("Stage"), people = fresh("People")},
}, {__index = function(t, key) return fresh("Not the title " .. key) end})
rapkit.figure(spec)
print("spec changed during the figure:", replaced > 0)
spec = nil
collectgarbage("incremental", 200, 100, 13)
