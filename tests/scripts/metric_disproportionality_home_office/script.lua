-- The Home Office figure (issue 4, section 5): West Midlands, year ending
-- March 2022, Black 3,973 searches on 164,069 people and White 9,713 on
-- 1,919,138: 24.2 and 5.1 per 1,000, ratio 4.8 (4.785 unrounded), through
-- the disproportionality module and its phrases. The searches are built
-- row by row (one row per search), with vehicle-only and unstated rows the
-- module must leave out, a small Asian count for --min-count 5 to suppress,
-- and no Other searches (a ratio of 0 with no upper bound).
local disp = require("disproportionality")
local find_rate = require("find_rate")
print("min_count", rapkit.min_count)

local person, group, nfa = {}, {}, {}
local function add(n, is_person, g, no_further_action)
  for _ = 1, n do
    person[#person + 1] = is_person
    group[#group + 1] = g == nil and rapkit.MISSING or g
    nfa[#nfa + 1] = no_further_action == nil and rapkit.MISSING or no_further_action
  end
end
add(3973, true, "Black", true)
add(8713, true, "White", true)
add(1000, true, "White", false)   -- found: 9,713 White searches in all
add(4, true, "Asian", false)     -- below --min-count 5: suppressed
add(20, true, "Mixed", true)
add(30, false, nil, true)         -- vehicle only
add(50, true, "Not stated", true)
add(7, true, nil, nil)            -- ethnicity and outcome missing
local searches = rapkit.dataset{person_search = person, ethnic_group = group, nfa = nfa}
local population = rapkit.load("population", "builtin:census-2011-west-midlands")

local result = disp.run{searches = searches, population = population}
for row in result.rates:rows() do
  local p = disp.phrases(row)
  print(row.ethnic_group, row.searches_suppressed and "[c]" or row.searches, row.population,
        row.per_1000 and string.format("%.3f", row.per_1000) or "[x]",
        row.ratio and string.format("%.3f (%.3f to %s)", row.ratio, row.ratio_lower,
                                    row.ratio_upper and string.format("%.3f", row.ratio_upper) or "nil") or "",
        row.flag or "")
  if p.rate then print("", p.rate) end
  if p.ratio then print("", p.ratio) end
end
print("used", result.used)
for row in result.excluded:rows() do print("excluded", row.reason, row.rows) end
for row in result.unstated_bounds:rows() do
  print("bounds", row.ethnic_group, row.unstated, row.withheld,
        row.ratio_lowest and string.format("%.4f", row.ratio_lowest) or "",
        row.ratio_highest and string.format("%.4f", row.ratio_highest) or "")
end
for _, note in ipairs(result.notes) do print("note", note) end

local found = find_rate.run{searches = searches}
for row in found.rates:rows() do
  print("find", row.ethnic_group, row.searches_suppressed and "[c]" or row.searches,
        row.found_suppressed and "[c]" or row.found,
        row.share and string.format("%.4f (%.4f to %.4f)", row.share, row.lower, row.upper) or "",
        row.flag or "")
end
print("find used", found.used)
for row in found.excluded:rows() do print("find excluded", row.reason, row.rows) end
