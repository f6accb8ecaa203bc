-- rapkit.stats.rate_ratio: the log method, and what it does with zeros.
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

-- West Midlands YE March 2022: 4.8 times the White rate (4.785 unrounded).
-- R 4.2.2: r <- (3973/164069)/(9713/1919138);
-- se <- sqrt(1/3973 - 1/164069 + 1/9713 - 1/1919138);
-- exp(log(r) + c(-1, 1) * qnorm(0.975) * se) = 4.612804311 4.962775953
local wm = rapkit.stats.rate_ratio(3973, 164069, 9713, 1919138)
show("west midlands", wm)
print(string.format("%.3f (%.2f to %.2f)", wm.estimate, wm.lower, wm.upper))
-- Birmingham 2019 in Black Thrive's file: 2.9386 (2.8136 to 3.0692).
show("birmingham", rapkit.stats.rate_ratio(3649, 155559, 4423, 554089))
show("conf 0.9", rapkit.stats.rate_ratio(3649, 155559, 4423, 554089, {conf = 0.9}))
-- No searches of Black people: 0, lower 0, no upper (the file's NA).
show("zero count", rapkit.stats.rate_ratio(0, 703, 122, 89012))
-- No searches in the reference group: no ratio at all.
show("zero reference", rapkit.stats.rate_ratio(5, 703, 0, 89012))
show("zero both", rapkit.stats.rate_ratio(0, 682, 0, 77923))
-- More searches than residents (a small resident population): the Poisson
-- variance, flagged. R 4.2.2: exp(log(30) + c(-1, 1) * qnorm(0.975) *
-- sqrt(1/300 + 1/50)) = 22.2381201 40.4710468
show("events exceed population", rapkit.stats.rate_ratio(300, 200, 50, 1000))
