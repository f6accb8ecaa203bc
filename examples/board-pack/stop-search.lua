-- Figure: stop and search disproportionality, year ending March 2022, with
-- intervals (background report, "Use of Police Powers"; Home Office figures in
-- ../shared/data/real/REFERENCE.md: Black 24.2 and White 5.1 searches per
-- 1,000 people, a ratio of 4.8).
--
-- The reports give no intervals and no rates; they say ethnicity is often not
-- recorded ("circa 65% of the self-declared ethnicity being null" in the data
-- sent to the NPCC, not these searches). The pack gives the Home Office
-- method with 95% intervals and says how far the searches with no stated
-- ethnicity could move the ratio.
local disp = require("disproportionality")
local thousands = require("pack_helpers").thousands

local searches = rapkit.load("stop_search", "data/*-west-midlands-stop-and-search.csv")
local population = rapkit.load("population", "builtin:census-2011-west-midlands")
local result = disp.run{searches = searches, population = population}

local rates = result.rates:filter{ethnic_group = {"Asian", "Black", "Mixed", "Other"}}
local chart = rapkit.chart.interval{
  data = rates, x = "ethnic_group", estimate = "ratio", lower = "ratio_lower", upper = "ratio_upper",
  title = "Black people were searched at almost five times the rate of White people",
  subtitle = "Stop and search rate ratio to White people, West Midlands, year ending March 2022",
  x_title = "Times the rate of White people (95% confidence interval)", y_title = "",
  source = "data.police.uk stop and search (illustrative); ONS Census 2011",
}

local black = result.rates:filter{ethnic_group = "Black"}:to_table()[1]
local white = result.rates:filter{ethnic_group = "White"}:to_table()[1]
local bounds = result.unstated_bounds:filter{ethnic_group = "Black"}:to_table()[1]
local excluded = {}
for row in result.excluded:rows() do excluded[row.reason] = row.rows end

-- Each figure with its _suppressed flag, so a withheld one shows [c], not [x].
local table_shown = result.rates:select("ethnic_group", "searches", "searches_suppressed", "population",
                                       "per_1000", "per_1000_suppressed", "ratio", "ratio_suppressed",
                                       "ratio_lower", "ratio_lower_suppressed", "ratio_upper",
                                       "ratio_upper_suppressed", "flag")

rapkit.figure{
  name = "stop-search-ratios",
  chart = chart,
  statement = ("%s: %s were searched, against %s."):format(disp.phrases(black).ratio,
    rapkit.say.rate(black.searches, black.population, {of = "Black people"}),
    rapkit.say.rate(white.searches, white.population, {of = "White people"})),
  table = table_shown,
  labels = {ethnic_group = "Group", searches = "Searches", population = "Population (2011)",
            per_1000 = "Per 1,000", ratio = "Ratio", ratio_lower = "Lower", ratio_upper = "Upper", flag = "Note"},
  caveats = {
    ("%s person searches had no stated ethnicity and are left out: had they all been of Black people the "
      .. "ratio would be %.1f; had none, %.1f."):format(thousands(bounds.unstated), bounds.ratio_highest,
                                                       bounds.ratio_lowest),
    ("%d vehicle-only searches are not searches of people and are left out."):format(excluded["vehicle only"]),
    "Rates use Census 2011 populations, as the Home Office did up to the year ending March 2022; searches "
      .. "are events, so a person searched twice counts twice.",
  },
}
