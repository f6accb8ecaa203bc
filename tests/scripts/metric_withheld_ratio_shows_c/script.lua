-- Regression (reviewer): the rates had searches_suppressed but no flag for
-- the figures worked out from a suppressed count, so a withheld ratio was
-- missing with nothing to say why, and the interval chart showed it as [x]
-- (not available) instead of [c] (withheld). Each figure now has its own
-- <figure>_suppressed flag: [c] where a count it rests on is suppressed,
-- [x] only where the figure does not exist (Other here has a population of
-- 0, so it has no rate and no ratio whatever is shown).
--
-- 2023: Black 5 is below 10 and Mixed 20 is suppressed to protect it.
-- 2024: the White (reference) count of 4 is suppressed, and Other 30 to
-- protect it: every ratio of the year is withheld, though the Asian and
-- Black counts are shown; Mixed has no searches, so its ratio would be 0
-- with no upper bound (log method): the bound stays [x].
local disp = require("disproportionality")
local find_rate = require("find_rate")

local year, person, group, nfa = {}, {}, {}, {}
local function add(y, g, n, found)
  for i = 1, n do
    year[#year + 1], person[#person + 1], group[#group + 1] = y, true, g
    nfa[#nfa + 1] = i > found
  end
end
for g, n in pairs{Asian = 40, Black = 5, Mixed = 20, White = 200, Other = 30} do add(2023, g, n, 12) end
add(2024, "Asian", 50, 20)
add(2024, "Black", 60, 3)   -- 3 found: suppressed, and Other's 15 to protect it
add(2024, "White", 4, 0)
add(2024, "Other", 30, 15)
local searches = rapkit.dataset{year = year, person_search = person, ethnic_group = group, nfa = nfa,
                                names = {"year", "person_search", "ethnic_group", "nfa"}}
local population = rapkit.dataset{
  area = {"Town", "Town", "Town", "Town", "Town"},
  ethnic_group = {"Asian", "Black", "Mixed", "White", "Other"},
  population = {20000, 8000, 6000, 150000, 0},
}

local result = disp.run{searches = searches, population = population, by = {"year"}}
local rates = result.rates
print(rates:select("year", "ethnic_group", "searches", "searches_suppressed", "per_1000",
                   "per_1000_suppressed", "ratio", "ratio_suppressed"))
print(rates:select("year", "ethnic_group", "ratio_lower", "ratio_lower_suppressed",
                   "ratio_upper", "ratio_upper_suppressed", "flag"))

-- The interval charts read ratio_suppressed: [c] in the companion table and
-- the alt text for the withheld ratios, [x] for Other's.
for _, y in ipairs{2023, 2024} do
  local name = "ratios-" .. y
  rapkit.chart.interval{
    data = rates:filter(function(row) return row.year == y and row.ethnic_group ~= "White" end),
    x = "ethnic_group", estimate = "ratio", lower = "ratio_lower", upper = "ratio_upper",
    title = "Rate ratios to White people, " .. y,
  }:save(name .. ".svg")
  print(rapkit.read_text("out/" .. name .. ".csv"))
  print(rapkit.read_text("out/" .. name .. ".alt.txt"))
end

-- find_rate, 2024: a share resting on a suppressed count is [c] (Black and
-- Other on their found counts, White on its searches); a group with no
-- searches has no share ([x], blank when printed).
local found = find_rate.run{searches = searches:filter{year = 2024}}
print(found.rates:select("ethnic_group", "searches", "found", "share", "share_suppressed",
                         "lower", "lower_suppressed", "upper", "upper_suppressed"))
rapkit.chart.interval{
  data = found.rates, x = "ethnic_group", estimate = "share", lower = "lower", upper = "upper",
  reference = false, title = "Share of searches with a find, 2024",
}:save("find-2024.svg")
print(rapkit.read_text("out/find-2024.csv"))
print(rapkit.read_text("out/find-2024.alt.txt"))
