-- api_walk.lua: what rapkit's Lua API is at run time, for check_types.py.
-- Run as `rapkit run api_walk.lua --data names=NAMES.csv`, where NAMES.csv
-- has columns `kind` and `name`: "module" rows name the metric library's
-- modules; "Dataset", "Grouping" and "Chart" rows candidate methods of
-- those types. Prints one line per fact, tab-separated:
--   function  rapkit.chart.bar          a function of the rapkit table
--   value     rapkit.version            anything else in it
--   options   rapkit.chart.bar  a,b,c   the options its "unknown option" error lists
--   method    Dataset:filter    yes|no  whether a dataset has that method
--   function  disproportionality.run    a function of a library module

local function sorted_keys(t)
  local keys = {}
  for k in pairs(t) do
    if type(k) == "string" then keys[#keys + 1] = k end
  end
  table.sort(keys)
  return keys
end

local function walk(t, prefix)
  for _, k in ipairs(sorted_keys(t)) do
    local v, name = t[k], prefix .. "." .. k
    if type(v) == "function" then
      print("function", name)
    elseif type(v) == "table" and k ~= "data" and k ~= "ETHNIC_GROUPS" then
      print("value", name)
      walk(v, name)
    else
      print("value", name)
    end
  end
end
walk(rapkit, "rapkit")

-- The options a function accepts, from the error an unknown one raises.
local function options_of(name, call)
  local ok, err = pcall(call, {zz_not_an_option = true})
  local list = not ok and tostring(err):match("unknown option 'zz_not_an_option' %(options: ([^)]*)%)")
  print("options", name, list and list:gsub(" ", "") or "(none found: " .. tostring(err) .. ")")
end

local ds = rapkit.dataset{a = {1}}
local option_calls = {
  ["rapkit.read_csv"] = function(o) return rapkit.read_csv(rapkit.data.names, o) end,
  ["rapkit.load"] = function(o) return rapkit.load("population", "builtin:census-2011-west-midlands", o) end,
  ["rapkit.disclose"] = function(o) return rapkit.disclose(ds, o) end,
  ["rapkit.write_text"] = function(o) return rapkit.write_text("api_walk.txt", "", o) end,
  ["rapkit.stats.proportion"] = function(o) return rapkit.stats.proportion(1, 2, o) end,
  ["rapkit.stats.rate"] = function(o) return rapkit.stats.rate(1, 2, o) end,
  ["rapkit.stats.rate_ratio"] = function(o) return rapkit.stats.rate_ratio(1, 2, 1, 2, o) end,
  ["rapkit.stats.change"] = function(o) return rapkit.stats.change(1, 2, o) end,
  ["rapkit.stats.compare_rates"] = function(o) return rapkit.stats.compare_rates(1, 2, 1, 2, o) end,
  ["rapkit.stats.compare_proportions"] = function(o)
    return rapkit.stats.compare_proportions(1, 2, 1, 2, o)
  end,
  ["rapkit.stats.spc"] = function(o) return rapkit.stats.spc({1, 2, 3}, o) end,
  ["rapkit.say.compare"] = function(o) return rapkit.say.compare(1, 2, "a", "b", o) end,
  ["rapkit.say.proportion"] = function(o) return rapkit.say.proportion(1, 2, "a", o) end,
  ["rapkit.say.rate"] = function(o) return rapkit.say.rate(1, 2, o) end,
  ["rapkit.say.ratio"] = function(o)
    o.group, o.reference = "Black", "White"
    return rapkit.say.ratio(2, o)
  end,
  ["rapkit.say.change"] = function(o) return rapkit.say.change(1, 2, o) end,
}
for _, kind in ipairs(sorted_keys(rapkit.chart)) do
  option_calls["rapkit.chart." .. kind] = function(o) return rapkit.chart[kind](o) end
end

local objects = {
  Dataset = ds,
  Grouping = ds:group_by("a"),
  Chart = rapkit.chart.bar{data = ds, x = "a", y = "a", title = "t"},
}
local names = rapkit.read_csv(rapkit.data.names)
for row in names:rows() do
  if row.kind == "module" then
    local module = require(row.name)
    for _, k in ipairs(sorted_keys(module)) do
      if type(module[k]) == "function" then print("function", row.name .. "." .. k) end
    end
    if type(module.run) == "function" then
      option_calls[row.name .. ".run"] = function(o) return module.run(o) end
    end
  else
    local object = objects[row.kind]
    print("method", row.kind .. ":" .. row.name, type(object[row.name]) == "function" and "yes" or "no")
  end
end

for _, name in ipairs(sorted_keys(option_calls)) do
  options_of(name, option_calls[name])
end
