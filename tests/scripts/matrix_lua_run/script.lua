-- The same as `rapkit matrix scheme.lua --data log=log.csv --period "2025-26 Q2"
-- --compare "2025-26 Q1" --against other.lua --sensitivity 20 --seed 7`, as a
-- Lua call, into a folder of its own: the files are those of the command.
local run = rapkit.matrix.run{
  scheme = "scheme.lua", against = "other.lua", data = {log = rapkit.load("activities", "log.csv")},
  period = "2025-26 Q2", compare = "2025-26 Q1", sensitivity = 20, seed = 7, out = "trial",
}
print(run.folder, run.against.folder, #run.changes, run.agreement.n)
print(string.format("%.6f %.6f", run.agreement.spearman.estimate, run.agreement.kendall.estimate))
print(run.sensitivity.rows[1].key, run.sensitivity.rows[1].level_kept)
print(pcall(rapkit.matrix.run, {scheme = "scheme.lua", period = "2025-26 Q2", draws = 3}))
print(pcall(rapkit.matrix.run, {scheme = "scheme.lua", against = "scheme.lua", period = "2025-26 Q2"}))
