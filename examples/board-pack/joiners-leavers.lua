-- Figure: Black joiners and leavers, 2024-25 (background report, "Black
-- joiner and leaver figures"; cover report, paragraph 3).
--
-- What the reports got wrong: 32 joined and 24 left. The cover report says
-- "25% more ... joining than leaving": wrong, 32 is 33% more than 24. The
-- background report's "25% fewer people leaving than joining" is right
-- (24 is 25% fewer than 32). rapkit.say.compare phrases it right by
-- construction: the percentage is always of the second count.
-- The background report also published the gender splits (3, 4, 11 and 7
-- women): counts below 10 are withheld here ([c]), with a second cell so the
-- totals cannot give them back.
local retention = require("retention")
local say = rapkit.say

local events = rapkit.load("workforce_events", rapkit.data.events)
local r = retention.run{events = events, period = "2024-25", group = "Black"}

local black = r.by_group:filter{ethnic_group = "Black"}
local joined, left = black:get(1, "joiners"), black:get(1, "leavers")

local bars = rapkit.dataset{
  event = {"Joined", "Left"},
  people = {joined, left},
  names = {"event", "people"},
}
local chart = rapkit.chart.bar{
  data = bars, x = "event", y = "people",
  title = "More Black officers and staff joined than left in 2024-25",
  subtitle = "Black joiners and leavers, police officers and staff, April 2024 to March 2025",
  x_title = "", y_title = "People",
  source = "Force HR joiners and leavers extract (illustrative)",
}

local detail = r.detail:filter{ethnic_group = "Black"}
  :select("worker_type", "gender", "joiners", "joiners_suppressed", "leavers", "leavers_suppressed",
          "net", "net_suppressed")

rapkit.figure{
  name = "joiners-leavers",
  chart = chart,
  statement = ("In 2024-25, %d Black officers and staff joined and %d left: %s."):format(
    joined, left, say.compare(left, joined, "leavers", "joiners")),
  table = detail,
  labels = {worker_type = "Worker type", gender = "Gender", joiners = "Joined", leavers = "Left",
            net = "Net"},
  caveats = {
    "Joiners and leavers are events, not people: someone who joined and left in the year counts in both.",
    ("Counts below %d are withheld ([c]), with a second cell where needed so that totals cannot give "
      .. "them back."):format(rapkit.min_count),
    "Black means the Census Black group; the reports' \"Black and Black Heritage\" may include people of "
      .. "Mixed Black heritage.",
  },
}
