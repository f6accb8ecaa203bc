-- The disproportionality module on the four complete data.police.uk files of
-- January 2020 with their forces' Census 2011 populations (issue 4, section
-- 5), against an independent computation: plain Lua loops over the raw
-- columns (Type and Self-defined ethnicity as written, not the derived
-- columns), and the formulas written out here, not rapkit.stats. The counts
-- this prints were also counted with Python's csv module, outside rapkit
-- (see police_uk.expected).
local disp = require("disproportionality")

local forces = {
  {file = rapkit.data.city_of_london, force = "City of London"},
  {file = rapkit.data.essex, force = "Essex"},
  {file = rapkit.data.merseyside, force = "Merseyside"},
  {file = rapkit.data.south_yorkshire, force = "South Yorkshire"},
}
local paths, force_of = {}, {}
for i, f in ipairs(forces) do
  paths[i] = f.file
  force_of[f.file:match("[^/]+$")] = f.force
end
local searches = rapkit.load("stop_search", paths)
searches = searches:mutate("force", function(row) return force_of[row.source_file] end)
local population = rapkit.load("population", rapkit.data.population)

-- min_count 1: nothing suppressed, so every figure can be compared.
local result = disp.run{searches = searches, population = population, area = "force",
                        min_count = 1}

-- Independent: the broad part of the 2011 label decides the group.
local broad = {["Asian/Asian British"] = "Asian", ["Black/African/Caribbean/Black British"] = "Black",
               ["Mixed/Multiple ethnic groups"] = "Mixed", White = "White",
               ["Other ethnic group"] = "Other"}
local counts, unstated, vehicle = {}, 0, 0
for row in searches:rows() do
  local label = row.self_defined_ethnicity
  if row.type == "Vehicle search" then
    vehicle = vehicle + 1
  elseif label == nil or label == "Other ethnic group - Not stated" then
    unstated = unstated + 1
  else
    local group = assert(broad[label:match("^(.-) %- ")], label)
    local key = row.force .. "|" .. group
    counts[key] = (counts[key] or 0) + 1
  end
end
local pop = {}
for row in population:rows() do pop[row.area .. "|" .. row.ethnic_group] = row.population end

local z = 1.959963984540054
local function close(a, b)
  return math.abs(a - b) <= 1e-9 * math.max(math.abs(a), math.abs(b))
end
local failures = 0
local function check(what, got, want)
  if not close(got, want) then
    failures = failures + 1
    print("MISMATCH " .. what .. ": module " .. got .. ", independent " .. want)
  end
end

print(string.format("%-16s %-6s %8s %10s %9s %7s %15s", "force", "group", "searches",
                    "population", "per_1000", "ratio", "95% CI"))
for row in result.rates:rows() do
  local key = row.force .. "|" .. row.ethnic_group
  local k, n = counts[key] or 0, pop[key]
  local k0, n0 = counts[row.force .. "|White"], pop[row.force .. "|White"]
  assert(row.searches == k and row.population == n, key)
  local rate = k / n * 1000
  check(key .. " per_1000", row.per_1000, rate)
  -- Byar's approximation
  check(key .. " lower", row.per_1000_lower,
        k * (1 - 1 / (9 * k) - z / (3 * math.sqrt(k))) ^ 3 / n * 1000)
  check(key .. " upper", row.per_1000_upper,
        (k + 1) * (1 - 1 / (9 * (k + 1)) + z / (3 * math.sqrt(k + 1))) ^ 3 / n * 1000)
  local shown = ""
  if row.ethnic_group ~= "White" then
    local ratio = (k / n) / (k0 / n0)
    local se = math.sqrt(1 / k - 1 / n + 1 / k0 - 1 / n0)
    check(key .. " ratio", row.ratio, ratio)
    check(key .. " ratio_lower", row.ratio_lower, math.exp(math.log(ratio) - z * se))
    check(key .. " ratio_upper", row.ratio_upper, math.exp(math.log(ratio) + z * se))
    shown = string.format("%7.2f %7.2f-%-7.2f", row.ratio, row.ratio_lower, row.ratio_upper)
  end
  print(string.format("%-16s %-6s %8d %10d %9.2f %s", row.force, row.ethnic_group,
                      row.searches, row.population, row.per_1000, shown))
end
local used = 0
for _, v in pairs(counts) do used = used + v end
assert(result.used == used)
for row in result.excluded:rows() do print(row.reason, row.rows) end
print("independent: used " .. used .. ", vehicle only " .. vehicle ..
      ", not stated or missing " .. unstated)
print(failures == 0 and "module agrees with the independent computation"
      or (failures .. " mismatches"))

-- With the default threshold (10), the small City of London and Essex
-- counts are suppressed, never shown as 0.
local safe = disp.run{searches = searches, population = population, area = "force"}
for row in safe.rates:rows() do
  if row.searches_suppressed then
    print(row.force, row.ethnic_group, "[c]", row.per_1000 == nil, row.flag)
  end
end
