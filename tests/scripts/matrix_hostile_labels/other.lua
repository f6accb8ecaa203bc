-- A second scheme on the same log: no feedback, and evidence counts more.
return rapkit.matrix{
  name = "other", version = "1.1",
  rows = {data = "log", kind = "activities", key = "activity"},
  dimensions = {
    {name = "Reach", scale = {min = 0, max = 4},
     score = function(records)
       local n = 0
       for _, r in ipairs(records) do n = n + (r.reach or 0) end
       return math.min(4, n // 10)
     end},
    {name = "Evidence", scale = {min = 0, max = 4},
     score = function(records)
       local e = 0
       for _, r in ipairs(records) do e = math.max(e, r.evidence_level) end
       return e
     end},
  },
  weights = {Reach = 1, Evidence = 3},
  thresholds = {{min = 0, level = "Weak", rag = "red"}, {min = 5, level = "Fair", rag = "amber"},
                {min = 9, level = "Good", rag = "green"}},
}
