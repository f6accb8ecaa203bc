-- rapkit.stats.proportion: Wilson by default, Clopper-Pearson on request.
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

-- Say to Stay: 5 of 121 requests came from Black and Black Heritage
-- employees. R 4.2.2: prop.test(5, 121, correct = FALSE)$conf.int =
-- 0.01777749 0.09309481; binom.test(5, 121)$conf.int = 0.01355131 0.09379907.
local say = rapkit.stats.proportion(5, 121)
show("wilson", say)
print(string.format("%.1f%% (95%% confidence interval %.1f%% to %.1f%%)",
                    say.estimate * 100, say.lower * 100, say.upper * 100))
show("exact", rapkit.stats.proportion(5, 121, {method = "exact"}))
show("conf 0.9", rapkit.stats.proportion(32, 56, {conf = 0.9}))
-- None and all: the bounds stay inside 0 to 1.
show("none", rapkit.stats.proportion(0, 20))
show("all", rapkit.stats.proportion(20, 20, {method = "exact"}))
-- A count written as a float is still a count.
show("float count", rapkit.stats.proportion(5.0, 121.0, {method = "wilson", conf = 0.95}))
