-- Scoring with known inputs gives known cells, totals, levels and ranks
-- (worked by hand in the comments), through the Lua calls.
local scheme = rapkit.matrix.load("scheme.lua")
local log = rapkit.load("activities", "log.csv")
local q2 = scheme:score{data = {log = log}, period = "2025-26 Q2"}

local function show(result)
  print(result.scheme.name .. " " .. result.scheme.version .. " " .. result.period .. ": " .. #result.rows
        .. " rows from " .. result.used .. " records")
  for _, r in ipairs(result.rows) do
    local cells = {}
    for _, d in ipairs(result.scheme.dimensions) do
      local c = r.cells[d.name]
      cells[#cells + 1] = d.name .. "=" .. tostring(c.score) .. "[" .. tostring(c.evidence) .. "]"
    end
    print(r.rank, r.key, r.group, table.concat(cells, " "), "total=" .. tostring(r.total),
          r.level and r.level.level or "-", r.reweighted and "reweighted" or "")
  end
end

-- Q2: Alpha reach 27 -> 2, best feedback 4.5 -> 3, evidence 2: 2 + 2x3 + 2 = 10, Green.
-- Beta reach 45 -> 4, no feedback, evidence 1: (4 + 1) x 4/2 = 10 reweighted, Green.
-- Charlie reach 5 -> 0, feedback 3.2 -> 2, evidence 3: 0 + 4 + 3 = 7, Amber.
-- Delta no reach -> 0, feedback 2.0 -> 1, evidence 0: 2, Red. (T09 is in Q3.)
-- Alpha and Beta tie: both rank 1, Alpha first by name.
show(q2)

-- Q1: Alpha 0 + 2x3 + 2 = 8 Amber; Beta (3 + 1) x 4/2 = 8 Amber; Echo 2 + 2x4 + 4 = 14 Green.
local q1 = scheme:score{data = {log = log}, period = "2025-26 Q1"}
show(q1)

for _, e in ipairs(rapkit.matrix.compare(q2, q1)) do
  print(e.key, e.direction, tostring(e.total.before), tostring(e.total.after), tostring(e.total.change),
        tostring(e.cells.Reach.change))
end

-- The other scheme: Alpha 2 + 3x2 = 8, Beta 4 + 3 = 7, Charlie 0 + 9 = 9, Delta 0.
local other = rapkit.matrix.load("other.lua")
-- Ranks (x: Alpha, Beta 3.5, Charlie 2, Delta 1; y: 3, 2, 4, 1): rho = 1.5 / sqrt(4.5 x 5) =
-- 0.316228; pairs: 3 agree, 2 disagree, 1 tied in x: tau-b = 1 / sqrt(5 x 6) = 0.182574.
local ag = rapkit.matrix.agreement(q2, other:score{data = {log = log}, period = "2025-26 Q2"})
print(string.format("n=%d rho=%.6f tau=%.6f", ag.n, ag.spearman.estimate, ag.kendall.estimate))
for _, r in ipairs(ag.rows) do
  print(r.key, r.rank_a, r.rank_b, r.level_a.level, r.level_b.level, r.rank_moves, r.level_moves)
end

-- With missing = "missing" Beta (no feedback) has no total, no level and no
-- rank. Default thresholds: thirds of 0 to 9 (Low, Medium from 3, High from
-- 6): Charlie 3.2 + 3 = 6.2 High, Alpha 4.5 + 1 (its last record) = 5.5
-- Medium, Delta 2 + 0 Low.
local strict = rapkit.matrix{
  name = "strict", version = 1, missing = "missing",
  rows = {data = log, key = "activity"},
  dimensions = {
    {name = "Feedback", scale = {min = 0, max = 5},
     score = function(records) return records[1].feedback_score end},
    {name = "Evidence", scale = {min = 0, max = 4},
     score = function(records) return records[#records].evidence_level end},
  },
}
show(strict:score{period = "2025-26 Q2"})

local sens = rapkit.matrix.sensitivity(q2, {draws = 20, seed = 7})
for _, s in ipairs(sens.rows) do
  print(s.key, s.level_kept, s.band_kept, s.rank_min, s.rank_max, s.robust)
end

-- The same as `rapkit matrix scheme.lua --data log=log.csv --period "2025-26 Q2"
-- --compare "2025-26 Q1" --against other.lua --sensitivity 20 --seed 7`, as a
-- Lua call, into a folder of its own: its files are those of the command
-- (tests/scripts/matrix_cli_outputs).
local run = rapkit.matrix.run{
  scheme = "scheme.lua", against = "other.lua", data = {log = rapkit.load("activities", "log.csv")},
  period = "2025-26 Q2", compare = "2025-26 Q1", sensitivity = 20, seed = 7, out = "trial",
}
print(run.folder, run.against.folder, #run.changes, run.agreement.n)
print(string.format("%.6f %.6f", run.agreement.spearman.estimate, run.agreement.kendall.estimate))
print(run.sensitivity.rows[1].key, run.sensitivity.rows[1].level_kept)
print(pcall(rapkit.matrix.run, {scheme = "scheme.lua", period = "2025-26 Q2", draws = 3}))
print(pcall(rapkit.matrix.run, {scheme = "scheme.lua", against = "scheme.lua", period = "2025-26 Q2"}))
