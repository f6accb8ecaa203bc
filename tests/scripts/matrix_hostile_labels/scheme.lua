-- Two dimensions scored from the log, whose activity names try to break
-- the Markdown the matrix writes (the names are data; every .md escapes them).
local function reach(records)
  local n = 0
  for _, r in ipairs(records) do n = n + (r.reach or 0) end
  return math.min(4, n // 10), n .. " reached <by count>"
end
return rapkit.matrix{
  name = "test", version = 2,
  rows = {data = "log", kind = "activities", key = "activity", group = "workstream"},
  dimensions = {
    {name = "Reach", scale = {min = 0, max = 4}, score = reach},
    {name = "Feedback", scale = {min = 0, max = 4},
     score = function(records)
       local given = {}
       for _, r in ipairs(records) do given[#given + 1] = r.feedback_score end
       if #given == 0 then return nil, "no feedback" end
       return math.floor(math.max(table.unpack(given))) - 1
     end},
  },
  weights = {Reach = 1, Feedback = 2},
  thresholds = {{min = 0, level = "Red"}, {min = 5, level = "Amber"}, {min = 8, level = "Green"}},
}
