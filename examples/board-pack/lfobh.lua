-- Figure: Learning From Our Black History (LFOBH) sessions and the other
-- workstream 1 activities, 2024-25 (cover report paragraphs 1-2; background
-- report, "LFOBH", "Elevate").
--
-- What the reports did not support: the cover report says LFOBH "will help
-- to address issues of discrimination and microaggressions". Attendance says
-- who came, not what changed; the background report itself says "it is not
-- appropriate to draw conclusions yet". The statement here is about reach only.
local thousands = require("pack_helpers").thousands

local activities = rapkit.load("activities", rapkit.data.activities)
local year = activities:filter{financial_year = "2024-25"}

local sessions = year:filter{activity = "LFOBH session"}
local by_month = sessions:group_by("month"):agg{sessions = "count", attended = {"sum", "reach"}}
local running, cumulative = 0, {}
for row in by_month:rows() do
  running = running + row.attended
  cumulative[#cumulative + 1] = running
end
local months = {}
for row in by_month:rows() do months[#months + 1] = row.month end
local trend = rapkit.dataset{month = months, total = cumulative, names = {"month", "total"}}

local chart = rapkit.chart.line{
  data = trend, x = "month", y = "total",
  title = "Over 1,200 attendances at LFOBH sessions since September 2024",
  subtitle = "Learning From Our Black History: attendances to date, by month, September 2024 to March 2025",
  x_title = "Month", y_title = "Attendances to date",
  source = "Workstream 1 activity log (illustrative)",
}

local facilitators = year:filter{activity = "LFOBH facilitator training"}
  :group_by("activity"):agg{reach = {"sum", "reach"}}:get(1, "reach")

-- Workstream 1 activities with a counted reach, largest first.
local reach = year:filter{workstream = 1}:filter(function(row) return row.reach ~= nil end)
  :group_by("activity", "reach_unit"):agg{events = "count", reach = {"sum", "reach"}}
  :sort("reach", "desc")

rapkit.figure{
  name = "lfobh-attendance",
  chart = chart,
  statement = ("From September 2024 to March 2025 there were %s attendances at %d LFOBH sessions, led by "
    .. "%d facilitators trained in summer 2024."):format(thousands(running), sessions:nrow(), facilitators),
  table = reach,
  labels = {activity = "Activity", reach_unit = "Counted as", events = "Events", reach = "Reach"},
  caveats = {
    "Attendances are not people: someone at two sessions counts twice.",
    "Attendance shows reach, not impact: feedback was returned for a minority of sessions, and it is too "
      .. "early to say whether LFOBH changes behaviour.",
  },
}
