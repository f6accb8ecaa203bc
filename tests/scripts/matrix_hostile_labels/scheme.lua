-- A scheme whose scores can be worked by hand; the log's activity names try to break the Markdown.
return rapkit.matrix{
  name = "test", version = 2,
  rows = {data = "log", kind = "activities", key = "activity", group = "workstream"},
  dimensions = {
    {name = "Reach", scale = {min = 0, max = 4},
     score = function(records)
       local n = 0
       for _, r in ipairs(records) do n = n + (r.reach or 0) end
       return math.min(4, n // 10), n .. " reached"
     end},
    {name = "Feedback", scale = {min = 0, max = 4},
     score = function(records)
       local best
       for _, r in ipairs(records) do
         if r.feedback_score then best = math.max(best or 0, r.feedback_score) end
       end
       if not best then return nil, "no feedback" end
       return math.floor(best) - 1, "best " .. best
     end},
    {name = "Evidence", scale = {min = 0, max = 4, labels = {"None", "Output", "Reaction", "Outcome", "Evaluated"}},
     score = function(records)
       local e = 0
       for _, r in ipairs(records) do e = math.max(e, r.evidence_level) end
       return e
     end},
  },
  weights = {Reach = 1, Feedback = 2, Evidence = 1},
  thresholds = {{min = 0, level = "Red"}, {min = 6, level = "Amber"}, {min = 10, level = "Green"}},
}
