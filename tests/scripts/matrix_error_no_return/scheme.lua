-- Forgot the return.
local s = rapkit.matrix{
  name = "forgot", version = 1,
  rows = {data = "log", key = "activity"},
  dimensions = {{name = "A", scale = {min = 0, max = 2}, score = function() return 1 end}},
}
