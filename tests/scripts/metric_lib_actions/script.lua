-- The action tracker (March 2025) rolled up, and what changed since an
-- earlier tracker. survey-actions-previous.csv is invented for this test
-- (dated July 2024): 31f was not started, 31g had older wording, and 31h
-- was not yet listed.
local actions = require("actions")
local now = rapkit.load("survey_actions", "survey-actions.csv")
local before = rapkit.load("survey_actions", "survey-actions-previous.csv")

local r = actions.run{actions = now}
print(r.by_status)
print(r.by_owner)
print(r.by_owner_status)
print(r.changes, r.used, r.excluded:nrow())
for _, s in ipairs(r.sentences) do print(s) end

r = actions.run{actions = now, previous = before}
print(r.changes)
for _, s in ipairs(r.sentences) do print(s) end
