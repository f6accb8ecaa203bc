-- Figures: section 136 detentions around Right Care Right Person (RCRP)
-- go-live, and the dip samples of RCRP decisions (background report, "Mental
-- Health - RCRP").
--
-- What the report did not support:
-- - "a reduction from approx. 214 detentions per month to 196 ... This is
--   positive as over 70% of police detentions do not result in the detainee
--   being sectioned". The share not sectioned (72% here, much the same before
--   and after go-live) says nothing about whether fewer detentions is good; and
--   four months after go-live are too few for the control chart to tell a
--   change from ordinary variation. The pack states the fall, and says so.
-- - "appropriate attendance rates have been between 92-95% meaning WMP are
--   making excellent RCRP deployment decisions": the rates are right, but there
--   is no target or comparison that makes them "excellent".
-- The reports do not give the go-live date: February 2024 is assumed, as in
-- examples/data/README.md.
local rcrp = require("rcrp")
local helpers = require("pack_helpers")
local say = rapkit.say

local go_live = "2024-02"
local r = rcrp.run{s136 = rapkit.load("s136", rapkit.data.s136), go_live = go_live}

local phases = {}
for row in r.before_after:rows() do phases[row.phase] = row end
local before, after = phases.before, phases.after

local chart = rapkit.chart.spc{
  spc = r.spc,
  title = "Detentions fell after RCRP go-live, within ordinary variation so far",
  subtitle = "Section 136 detentions a month, West Midlands, April 2022 to May 2024, with control limits",
  x_title = "Month", y_title = "Detentions", step_label = "RCRP go-live",
  source = "Force custody and contact records (illustrative)",
  height = 115,
}

local signals = 0
for _, point in ipairs(r.spc.points) do
  if point.signal then signals = signals + 1 end
end

local overall = r.sectioning:group_by():agg{detentions = {"sum", "detentions"},
                                            not_sectioned = {"sum", "not_sectioned"}}
local not_sectioned = rapkit.stats.proportion(overall:get(1, "not_sectioned"), overall:get(1, "detentions"))

rapkit.figure{
  name = "s136-detentions",
  chart = chart,
  statement = ("The monthly mean of section 136 detentions %s, comparing the %d months before RCRP go-live "
    .. "with the %d months after."):format(say.change(before.mean, after.mean, {kind = "number", decimals = 0}),
                               before.months, after.months),
  table = r.before_after,
  labels = {phase = "Phase", months = "Months", from = "From", to = "To", mean = "Detentions a month"},
  caveats = {
    ("%s of the %d months %s a signal of special cause: %d months after go-live are too few for a shift "
      .. "(seven in a row), so the fall may be ordinary variation."):format(signals == 0 and "None" or signals,
      #r.spc.points, signals <= 1 and "shows" or "show", after.months),
    ("%s did not end in sectioning, before and after go-live alike: that share does not show whether fewer "
      .. "detentions is better."):format(say.proportion(not_sectioned, "detentions", {min = 1})),
    "The data are not broken down by ethnicity, so the effect on Black communities cannot be seen.",
    "The go-live date is not in the reports: February 2024 is assumed.",
  },
}

-- Appropriate attendance in the dip samples, with intervals.
local attendance = helpers.percent(r.attendance,
  {{"rate", "percent"}, {"lower", "percent_lower"}, {"upper", "percent_upper"}})
local sampled = attendance:group_by():agg{checked = {"sum", "checked"}, appropriate = {"sum", "appropriate"}}
local all = rapkit.stats.proportion(sampled:get(1, "appropriate"), sampled:get(1, "checked"))

rapkit.figure{
  name = "rcrp-attendance",
  chart = rapkit.chart.interval{
    data = attendance, x = "month", estimate = "percent", lower = "percent_lower", upper = "percent_upper",
    reference = false,
    title = "Nine in ten dip-sampled RCRP decisions were judged appropriate",
    subtitle = "Appropriate attendance decisions in the monthly dip sample of call logs, February to May 2024",
    x_title = "Per cent appropriate (95% confidence interval)", y_title = "Month",
    source = "Vulnerability Desk dip samples (illustrative)",
  },
  statement = ("From February to May 2024, %s were judged appropriate attendance decisions."):format(
    say.proportion(all, "dip-sampled call logs")),
  table = attendance:select("month", "checked", "appropriate", "percent", "percent_lower", "percent_upper"),
  labels = {month = "Month", checked = "Logs checked", appropriate = "Appropriate", percent = "Per cent",
            percent_lower = "Lower", percent_upper = "Upper"},
  caveats = {
    "There is no target or comparison for this rate, so the data cannot say whether the decisions are "
      .. "\"excellent\", as the background report put it.",
    "How the logs were chosen for the dip sample is not recorded: a sample that is not random may not "
      .. "stand for every decision.",
  },
}
