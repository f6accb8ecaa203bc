-- rapkit.stats.compare_rates and compare_proportions: significance with the
-- method named, so that a statement can be worded neutrally.
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

-- Middlesbrough 2020 (Black Thrive): 12 of 5,036 against 401 of 118,067;
-- the interval 0.3954 to 1.2449 includes 1. R 4.2.2:
-- 2*pnorm(-abs(log(r)/se)) = 0.2258101901
show("middlesbrough", rapkit.stats.compare_rates(12, 5036, 401, 118067))
-- Two periods of one group: 1,172 searches in January to June 2015 against
-- 3,973 in the year ending March 2022 (half a year against a year).
show("two periods", rapkit.stats.compare_rates(1172, 164069 * 0.5, 3973, 164069))
-- A zero count: the exact conditional test. R 4.2.2:
-- 2*pbinom(0, 122, 703/(703+89012)) = 0.7659787579
show("zero count", rapkit.stats.compare_rates(0, 703, 122, 89012))
show("zero both", rapkit.stats.compare_rates(0, 703, 0, 89012))
-- Say to Stay share against the force's: R 4.2.2:
-- prop.test(c(5, 40), c(121, 2000), correct = FALSE)$p.value = 0.113994138
show("proportions", rapkit.stats.compare_proportions(5, 121, 40, 2000))
show("conf 0.8", rapkit.stats.compare_proportions(14, 120, 18, 95, {conf = 0.8}))
show("no variation", rapkit.stats.compare_proportions(0, 10, 0, 20))
