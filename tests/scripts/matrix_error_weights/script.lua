-- Weights that do not apply: each error names the line of rapkit.matrix{.
local dims = {
  {name = "Effect", scale = {min = 0, max = 4}, score = function() return 1 end},
  {name = "Economics", scale = {min = 0, max = 4}, score = function() return 2 end},
}
print(pcall(rapkit.matrix, {name = "typo", version = 1, rows = {data = "log", key = "activity"},
                            dimensions = dims, weights = {Efect = 2, Economics = 1}}))
print(pcall(rapkit.matrix, {name = "short", version = 1, rows = {data = "log", key = "activity"},
                            dimensions = dims, weights = {Effect = 2}}))
print(pcall(rapkit.matrix, {name = "negative", version = 1, rows = {data = "log", key = "activity"},
                            dimensions = dims, weights = {Effect = -1, Economics = 1}}))
print(pcall(rapkit.matrix, {name = "zero", version = 1, rows = {data = "log", key = "activity"},
                            dimensions = dims, weights = {Effect = 0, Economics = 0}}))
local scheme = rapkit.matrix{
  name = "fine", version = 1,
  rows = {data = "log", key = "activity"},
  dimensions = dims,
  weights = {Effect = 2, Economics = 1, Mechanism = 1},
}
