-- Regression (reviewer, by_owner_status "for a stacked bar"): an owner with
-- no action of a status had no row, so the stacked bar showed that part as
-- [x] (not available) and each owner's total as unknown, where the true
-- count is 0. Every owner x status pair now has a row, statuses in their
-- fixed order; a count of nothing is 0.
local actions = require("actions")
local r = actions.run{actions = rapkit.load("survey_actions", "survey-actions.csv")}
print(r.by_owner_status)

-- Each owner's parts add up to by_owner's count.
local total = {}
for row in r.by_owner_status:rows() do total[row.owner] = (total[row.owner] or 0) + row.n end
for row in r.by_owner:rows() do print(row.owner, row.n, total[row.owner]) end

rapkit.chart.bar{
  data = r.by_owner_status, x = "owner", y = "n", group = "status", layout = "stacked",
  title = "Seven of the eight survey actions are in progress",
}:save("actions.svg")
print(rapkit.read_text("out/actions.csv"))
print(rapkit.read_text("out/actions.alt.txt"))
