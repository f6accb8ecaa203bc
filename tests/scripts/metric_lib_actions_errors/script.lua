-- actions.run refuses a missing tracker, a dataset of another kind and a
-- misspelt option, naming the line that called it.
local actions = require("actions")
local tracker = rapkit.load("survey_actions", "survey-actions.csv")
local workforce = rapkit.load("workforce", "workforce-west-midlands-2019-2024.csv")
print(select(2, pcall(actions.run, {})))
print(select(2, pcall(function() actions.run{actions = workforce} end)))
print(select(2, pcall(function() actions.run{actions = tracker, previous = "July"} end)))
print(select(2, pcall(function() actions.run{actions = tracker, previus = tracker} end)))
actions.run{actions = tracker, previous = workforce}
