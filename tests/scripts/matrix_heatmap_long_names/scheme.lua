-- Dimension names of several words, and one long single word: the heatmap
-- wraps the names between words, so only "Implementation" widens the page.
return rapkit.matrix{
  name = "long_names", version = 1,
  rows = {data = "log", kind = "activities", key = "activity"},
  dimensions = {
    {name = "Reach into the communities served", scale = {min = 0, max = 4},
     score = function(records)
       local n = 0
       for _, r in ipairs(records) do n = n + (r.reach or 0) end
       return math.min(4, n // 10)
     end},
    {name = "Feedback from those attending", scale = {min = 0, max = 4},
     score = function(records)
       local best
       for _, r in ipairs(records) do
         if r.feedback_score then best = math.max(best or 0, r.feedback_score) end
       end
       return best and math.floor(best) - 1 or nil
     end},
    {name = "Implementation", scale = {min = 0, max = 4},
     score = function(records) return math.min(4, #records) end},
    {name = "Evidence of changed outcomes", scale = {min = 0, max = 4},
     score = function(records)
       local e = 0
       for _, r in ipairs(records) do e = math.max(e, r.evidence_level) end
       return e
     end},
  },
  weights = {["Reach into the communities served"] = 1, ["Feedback from those attending"] = 1,
             Implementation = 1, ["Evidence of changed outcomes"] = 1},
  thresholds = {{min = 0, level = "Red"}, {min = 6, level = "Amber"}, {min = 10, level = "Green"}},
}
