-- rapkit.stats.rate: per 1,000 by default, Byar's interval or the exact one.
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

-- West Midlands, year ending March 2022 (Home Office, Census 2011
-- denominators): Black 3,973 searches of 164,069; White 9,713 of 1,919,138.
local black = rapkit.stats.rate(3973, 164069)
local white = rapkit.stats.rate(9713, 1919138)
show("black", black)
show("white", white)
print(string.format("%.1f and %.1f per 1,000", black.estimate, white.estimate))
-- R 4.2.2: poisson.test(3973)$conf.int / 164069 * 1000 = 23.4682355 24.9803292
show("exact", rapkit.stats.rate(3973, 164069, {method = "exact"}))
show("per 100,000", rapkit.stats.rate(5, 100000, {per = 100000, conf = 0.99, method = "exact"}))
show("zero", rapkit.stats.rate(0, 2500))
show("zero exact", rapkit.stats.rate(0, 2500, {method = "exact"}))
