-- Mistakes in a scheme's definition, each named with the line of the
-- rapkit.matrix call; mistakes at scoring time with the function's line.
local function try(def)
  local ok, err = pcall(rapkit.matrix, def)
  print(err)
end
local rows = {data = "log", kind = "activities", key = "activity"}
local one = function() return 1 end
try({version = 1, rows = rows, dimensions = {}})
try({name = "a", version = 1, rows = rows, dimensions = {{name = "A", score = one}}})
try({name = "b", version = 1, rows = rows, dimensions = {{name = "A", scale = {min = 0, max = 2, labels = {"x"}}, score = one}}})
try({name = "c", version = 1, rows = rows, dimensions = {{name = "A", scale = {min = 0, max = 2}, score = one}},
     thresholds = {{min = 5, level = "High", rag = "green"}, {min = 2, level = "Low", rag = "red"}}})
try({name = "d", version = 1, rows = rows, dimensions = {{name = "A", scale = {min = 0, max = 2}, score = one}},
     colour = "blue"})
try({name = "e", version = 1, rows = rows, dimensions = {{name = "A", scale = {min = 0, max = 2}, score = one}},
     total = function(s) return s.A end})
try({name = "f", version = 1, rows = rows, dimensions = {{name = "A", scale = {min = 0, max = 2}, score = one},
                                                     {name = "A", scale = {min = 0, max = 2}, score = one}}})
try({name = "g", rows = rows, dimensions = {{name = "A", scale = {min = 0, max = 2}, score = one}}})
try({name = "h", version = 1, rows = rows, dimensions = {{name = "A", scale = {min = 0, max = 2}, score = one}},
     thresholds = {{min = 0, level = "Low"}}})

local log = rapkit.load("activities", "log.csv")
-- A score that is not a number.
local text = rapkit.matrix{name = "text", version = 1, rows = {data = log, key = "activity"},
  dimensions = {{name = "A", scale = {min = 0, max = 2},
                 score = function(records) return "high" end}}}
print(select(2, pcall(text.score, text, {period = "2025-26 Q2"})))
-- A total function that fails.
local total = rapkit.matrix{name = "total", version = 1, rows = {data = log, key = "activity"},
  dimensions = {{name = "A", scale = {min = 0, max = 2}, score = one}},
  total = function(s, w) return s.A + s.B end,
  thresholds = {{min = 0, level = "Red"}, {min = 1, level = "Green"}}}
print(select(2, pcall(total.score, total, {period = "2025-26 Q2"})))
-- Data the run was not given.
local nodata = rapkit.matrix{name = "nodata", version = 1, rows = {data = "missing_log", key = "activity"},
  dimensions = {{name = "A", scale = {min = 0, max = 2}, score = one}}}
print(select(2, pcall(nodata.score, nodata, {period = "2025-26 Q2"})))
print(select(2, pcall(nodata.score, nodata, {period = "Q2"})))
