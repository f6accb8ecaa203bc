-- Figure: the force's actions on the Black Workforce Survey (second wave),
-- 31a to 31h, with owner and status (cover report, "Our Black Workforce
-- Survey"; background report, "Action on feedback").
--
-- The reports give the actions and their progress but no status; the
-- tracker's status column (examples/data/README.md) is read from the progress
-- text. A table, not a chart: eight actions are read, not compared. The
-- progress notes are too long for the page: they go to their own CSV.
local actions = rapkit.load("survey_actions", rapkit.data.actions)
local r = require("actions").run{actions = actions}

local count = {}
for row in r.by_status:rows() do count[row.status] = row.n end
local not_started = actions:filter{status = "Not started"}:to_table()

local waiting = {}
for _, row in ipairs(not_started) do waiting[#waiting + 1] = ("%s (%s)"):format(row.ref, row.action) end

local progress_file = "tables/survey-actions-progress.csv"
actions:select("ref", "owner", "action", "progress", "status", "updated"):write_csv(progress_file)

rapkit.figure{
  name = "survey-actions",
  title = "Black Workforce Survey: the force's actions, 31a to 31h",
  statement = ("Of the %d actions, %d are in progress and %d has not started: %s."):format(
    actions:nrow(), count["In progress"] or 0, count["Not started"] or 0, table.concat(waiting, "; ")),
  table = actions:select("ref", "owner", "action", "status"),
  labels = {ref = "Ref", owner = "Owner", action = "Action", status = "Status"},
  source = "Black Workforce Survey action tracker, updated 25 March 2025 (illustrative)",
  caveats = {
    "\"In progress\" is read from the progress text; the tracker sets no dates or measures of completion, "
      .. "so progress cannot be tracked against a plan.",
    "The progress notes on each action are in " .. progress_file .. ".",
  },
}
