-- Figure: ethnic minority and Black representation in the workforce, 2019
-- and 2024 (background report, "Representation & Retention").
--
-- What the reports got wrong:
-- - "from 12.4% to 16.3% (a 32% proportional increase)": the rise is 3.9
--   percentage points, and 16.3 / 12.4 = 1.31, so 31% higher, not 32%.
-- - "we now have 5 times less Black employees than Asian employees": "times
--   less" has no meaning; there are 5.0 times as many Asian as Black
--   officers and staff (1,160 and 232).
-- rapkit.say.change keeps percentage points and proportional change apart,
-- and rapkit.say.compare says "times as many".
local representation = require("representation")
local helpers = require("pack_helpers")
local say = rapkit.say

local workforce = rapkit.load("workforce", rapkit.data.workforce)
local r = representation.run{workforce = workforce, from = 2019, to = 2024}

-- One row per group and year, in percent, for the chart and the table.
local shown = helpers.percent(
  r.shares:filter{ethnic_group = {"Ethnic minority", "Asian", "Black", "Mixed", "Other"}}
    :mutate("group", function(row) return ("%s, %d"):format(row.ethnic_group, row.year) end),
  {{"share", "percent"}, {"lower", "percent_lower"}, {"upper", "percent_upper"}})
-- Group by group, 2019 above 2024.
local order = {["Ethnic minority"] = 1, Asian = 2, Black = 3, Mixed = 4, Other = 5}
shown = shown:mutate("order", function(row) return order[row.ethnic_group] * 10000 + row.year end):sort("order")

local chart = rapkit.chart.interval{
  data = shown, x = "group", estimate = "percent", lower = "percent_lower", upper = "percent_upper",
  reference = false,
  title = "Ethnic minority representation rose; Black representation did not",
  subtitle = "Share of officers and staff with a stated ethnicity, West Midlands, 31 March 2019 and 2024",
  x_title = "Per cent of officers and staff (95% confidence interval)", y_title = "",
  source = "Home Office police workforce ethnicity table (illustrative)",
  height = 120,
}

local change = r.change
local function change_of(group)
  local row = change:filter{ethnic_group = group}
  return row:get(1, "from_share"), row:get(1, "to_share")
end
local em_from, em_to = change_of("Ethnic minority")
local black_from, black_to = change_of("Black")
local black_2024 = r.shares:filter{year = 2024, ethnic_group = "Black"}:get(1, "headcount")
local asian_2024 = r.shares:filter{year = 2024, ethnic_group = "Asian"}:get(1, "headcount")

local bounds = r.unstated_bounds:filter{year = 2024, ethnic_group = "Black"}

rapkit.figure{
  name = "representation",
  chart = chart,
  statement = ("Ethnic minority representation %s from 2019 to 2024, while Black representation %s."):format(
    say.change(em_from, em_to, {kind = "proportion"}),
    say.change(black_from, black_to, {kind = "proportion"})),
  table = shown:select("year", "ethnic_group", "headcount", "headcount_suppressed", "percent",
                       "percent_lower", "percent_upper"),
  labels = {year = "Year", ethnic_group = "Group", headcount = "Headcount", percent = "Per cent",
            percent_lower = "Lower", percent_upper = "Upper"},
  caveats = {
    ("In 2024 %s."):format(say.compare(asian_2024, black_2024, "Asian officers and staff",
                                        "Black officers and staff")),
    ("%d people had no stated ethnicity in 2024: if all were Black, Black representation would be %.1f%%, "
      .. "not %.1f%%."):format(bounds:get(1, "unstated"), 100 * bounds:get(1, "share_if_all"),
                               100 * bounds:get(1, "share")),
    "Intervals show how much a share of this size could vary by chance, though the figures count everyone.",
  },
}
