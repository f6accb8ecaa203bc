-- A second scheme on the same log, for agreement.md: evidence only.
return rapkit.matrix{
  name = "other", version = "1.1",
  rows = {data = "log", kind = "activities", key = "activity"},
  dimensions = {{name = "Evidence", scale = {min = 0, max = 4}, score = function(records)
    local e = 0
    for _, r in ipairs(records) do e = math.max(e, r.evidence_level) end
    return e
  end}},
  weights = {Evidence = 1},
  thresholds = {{min = 0, level = "Weak", rag = "red"}, {min = 2, level = "Fair", rag = "amber"},
                {min = 4, level = "Good", rag = "green"}},
}
