-- rapkit.stats.change: absolute, relative and percentage-point change.
-- Prints a result table: keys sorted, floats to 10 significant figures.
local function show(label, t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  local parts = {}
  for _, k in ipairs(keys) do
    local v = t[k]
    if math.type(v) == "float" then v = string.format("%.10g", v) end
    parts[#parts + 1] = k .. "=" .. tostring(v)
  end
  print(label .. ": " .. table.concat(parts, " "))
end

-- Ethnic minority representation 12.4% to 16.3%: 3.9 percentage points,
-- a 31% proportional increase (not "32%").
local rep = rapkit.stats.change(0.124, 0.163, {kind = "proportion"})
show("representation", rep)
print(string.format("up %.1f percentage points, a %.0f%% proportional increase",
                    rep.points, rep.relative * 100))
-- 32 joined and 24 left: 24 is 25% fewer than 32; 32 is 33% more than 24.
local fewer = rapkit.stats.change(32, 24)
local more = rapkit.stats.change(24, 32, {kind = "count"})
show("32 to 24", fewer)
show("24 to 32", more)
print(string.format("%.0f%% fewer leaving than joining; %.0f%% more joining than leaving",
                    -fewer.relative * 100, more.relative * 100))
-- From zero there is no relative change.
show("from zero", rapkit.stats.change(0, 7))
show("no change", rapkit.stats.change(0.5, 0.5, {kind = "proportion"}))
