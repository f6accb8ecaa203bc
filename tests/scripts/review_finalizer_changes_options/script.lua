-- 2027-02 review: bindings kept pointers to strings held only by the
-- script's own tables (agg's result names and columns, read_csv's options,
-- rapkit.dataset's column names, rename's names) while they allocated, and
-- filled arrays counted before an allocation. A __gc finalizer that runs
-- at one of those allocations may give the script's tables new values
-- (here, the same text in new strings), and the old strings are then
-- garbage. Each binding reads a copy of its table now. Under
-- AddressSanitizer this reads no freed memory.
collectgarbage("incremental", 10, 100, 0)
local long = "a column name longer than forty characters, so never interned"
local function fresh(text) return (text .. "#"):sub(1, -2) end
local target, rebuild = nil, nil
local function arm()
  setmetatable({}, {__gc = function()
    if target then rebuild(target) end
    arm()
  end})
end
arm()
for _ = 1, 1000 do local warm_up = {} end -- the collector runs at every allocation from here

local function agg_spec(t)
  t.total = {fresh("sum"), fresh("searches")}
  t[fresh("rows in the area, a name longer than forty characters")] = fresh("count")
end
local spec = {}
agg_spec(spec)
target, rebuild = spec, agg_spec
local by_area = rapkit.read_csv("counts.csv"):group_by("area"):agg(spec)
target = nil
print(by_area)

local function csv_opts(t)
  t.types = {[fresh("searches")] = fresh("number")}
  t.missing = {fresh("NA"), fresh("")}
  t.columns = {fresh("area"), fresh("searches")}
end
local opts = {}
csv_opts(opts)
target, rebuild = opts, csv_opts
local counts = rapkit.read_csv("counts.csv", opts)
target = nil
print(counts:type("searches"), counts:nrow())

local function columns(t)
  t[fresh(long)] = {1, 2, 3}
  t[fresh(long .. " too")] = {fresh("x"), fresh("y"), fresh("z")}
end
local cols = {}
columns(cols)
target, rebuild = cols, columns
local made = rapkit.dataset(cols)
target = nil
print(table.concat(made:names(), " | "))

local function renames(t)
  t[fresh("area")] = fresh(long)
  t[fresh("searches")] = fresh("searches in the year, a name longer than forty characters")
end
local names = {}
renames(names)
target, rebuild = names, renames
local renamed = counts:rename(names)
target = nil
print(table.concat(renamed:names(), " | "))
collectgarbage("incremental", 200, 100, 13)
