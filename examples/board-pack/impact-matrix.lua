-- Figure: the impact matrix trial, workstream 3 (Involved) and the other
-- activities of the log (cover report, "impact matrix"; background report,
-- "measuring impact").
--
-- What the reports did not support: the cover report calls the activities
-- "impactful" before any was measured. The matrix scores what the log
-- records (evidence level, feedback, spread, delivery, cost) on a scheme the
-- force is still trialling; a level is a reading of the log, not proof of
-- an effect, and the statement says which scheme and period it comes from.
local scheme = require("matrix.emmie")
local period, before_period = "2025-26 Q2", "2025-26 Q1"
local now = scheme:score{period = period}
local before = scheme:score{period = before_period}

-- Rows by total, with their level and the change since the quarter before.
local changes = {}
for _, c in ipairs(rapkit.matrix.compare(now, before)) do changes[c.key] = c end
local keys, totals, levels, moves = {}, {}, {}, {}
local count = {}
for _, row in ipairs(now.rows) do
  keys[#keys + 1] = row.key
  totals[#totals + 1] = row.total == nil and rapkit.MISSING or math.floor(row.total * 10 + 0.5) / 10
  levels[#levels + 1] = row.level and row.level.level or rapkit.MISSING
  moves[#moves + 1] = changes[row.key] and changes[row.key].direction or rapkit.MISSING
  if row.level then count[row.level.level] = (count[row.level.level] or 0) + 1 end
end
local table_ds = rapkit.dataset{activity = keys, total = totals, level = levels, since = moves,
                                names = {"activity", "total", "level", "since"}}

local parts = {}
for _, level in ipairs({"Strong", "Promising", "Limited"}) do
  if count[level] then parts[#parts + 1] = ("%d %s"):format(count[level], level) end
end
rapkit.figure{
  name = "impact-matrix",
  chart = rapkit.matrix.heatmap(now),
  statement = ("In %s, %d activities in the log were scored on the trial EMMIE-style matrix (version %s): "
    .. "%s; %s scored highest."):format(period, #now.rows, scheme.version, table.concat(parts, ", "),
    now.rows[1].key),
  table = table_ds,
  labels = {activity = "Activity", total = "Total (0 to 24)", level = "Level", since = ("Since %s"):format(before_period)},
  caveats = {
    "The scheme is a trial: its scores read what the activity log records, and the force's trial sets the real rules.",
    "A missing score is shown as [x], never as 0; a row's total is then reweighted over the dimensions scored.",
  },
}
