return rapkit.matrix{
  name = "broken", version = 1,
  rows = {data = "log", kind = "activities", key = "activity"},
  dimensions = {
    {name = "Reach", scale = {min = 0, max = 4},
     score = function(records)
       local total = 0
       for _, r in ipairs(records) do total = total + r.reach end
       return math.min(4, total // 10)
     end},
  },
}
