-- Figure: the Legacy Centre recruitment event, 2024 (background report,
-- "Recruitment": "over 100 attendees were confirmed ... only 30 attended and
-- 5 applications (3 PC, 2 FC) were received").
--
-- What the report did not support: it calls the event "not cost effective",
-- but gives no costs, and one event's five applications cannot be compared
-- with anything. The pack states the conversion and leaves cost out.
local funnel = rapkit.read_csv(rapkit.data.funnel)
local stages = funnel:filter{Role = rapkit.MISSING}:select("Stage", "Count")
local roles = funnel:filter(function(row) return row.Role ~= nil end)

local count = {}
for row in stages:rows() do count[row.Stage] = row.Count end

local chart = rapkit.chart.funnel{
  data = stages, stage = "Stage", value = "Count",
  title = "Of at least 100 who confirmed, 30 came and 5 applied",
  subtitle = "Legacy Centre recruitment event for Black communities, 2024",
  x_title = "People", y_title = "",
  source = "Recruitment team event records (illustrative)",
  height = 90,
}

local role_text = {}
for row in roles:rows() do role_text[#role_text + 1] = ("%d %s"):format(row.Count, row.Role) end

rapkit.figure{
  name = "recruitment-funnel",
  chart = chart,
  statement = ("Of at least %d people who confirmed, %d attended (at most %d%%) and %d applied (%s), "
    .. "%d%% of those who attended."):format(count.Confirmed, count.Attended,
      math.floor(100 * count.Attended / count.Confirmed + 0.5), count.Applied, table.concat(role_text, ", "),
      math.floor(100 * count.Applied / count.Attended + 0.5)),
  table = funnel:select("Stage", "Role", "Count", "Notes"),
  caveats = {
    "\"Over 100\" confirmed is written 100, so shares of those who confirmed are upper bounds.",
    "There are no costs in the data, so this page does not judge whether the event was cost effective.",
    "FC is kept as the report writes it; the report does not expand it.",
  },
}
