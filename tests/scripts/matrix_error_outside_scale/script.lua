-- A score outside its dimension's scale names the scoring function's line.
local scheme = rapkit.matrix{
  name = "scale", version = 1,
  rows = {data = rapkit.load("activities", "log.csv"), key = "activity"},
  dimensions = {
    {name = "Reach", scale = {min = 0, max = 3},
     score = function(records)
       local total = 0
       for _, r in ipairs(records) do total = total + (r.reach or 0) end
       return total // 10
     end},
  },
}
scheme:score{period = "2025-26 Q2"}
