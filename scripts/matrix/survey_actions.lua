-- matrix.survey_actions: the Black Workforce Survey actions (kind
-- "survey_actions") as a matrix: one row per action ref, grouped by owner,
-- with its status, whether progress is written up, and how recent the last
-- change is. The tracker is a snapshot, so no record is left out by date;
-- the period says "as at its last day".
--
--   Status       0 Not started (or Red), 1 In progress (Amber), 2 Complete
--                (Green); missing when not assessed
--   Progress     0 no update written, 1 an update written
--   Last change  2 updated within the period, 1 within the year before its
--                end, 0 earlier; missing without a date
--
-- The total is the plain sum (0 to 5). Levels: On track 4 or more, Moving 2
-- to under 4, Stalled under 2.

local STATUS = {["Not started"] = 0, Red = 0, ["In progress"] = 1, Amber = 1, Complete = 2, Green = 2}

-- Days from 1970-01-01 of an ISO date, enough to compare two dates.
local function day_number(iso)
  local y, m, d = iso:match("^(%d%d%d%d)-(%d%d)-(%d%d)")
  y, m, d = tonumber(y), tonumber(m), tonumber(d)
  if m <= 2 then y, m = y - 1, m + 12 end
  return 365 * y + y // 4 - y // 100 + y // 400 + (153 * (m - 3) + 2) // 5 + d
end

return rapkit.matrix{
  name = "survey_actions",
  version = "1.0",
  title = "Survey actions",
  rows = {data = "actions", kind = "survey_actions", key = "ref", group = "owner", date = false,
          title = "Action"},
  dimensions = {
    {name = "Status", scale = {min = 0, max = 2, labels = {"Not started", "In progress", "Complete"}},
     score = function(records)
       local status = records[1].status
       if status == nil then return nil, "not assessed" end
       return STATUS[status], status
     end},
    {name = "Progress", scale = {min = 0, max = 1, labels = {"None", "Written"}},
     score = function(records)
       local p = records[1].progress
       if p == nil or p == "" then return 0, "no update" end
       return 1, #p > 70 and (p:sub(1, 67) .. "...") or p
     end},
    {name = "Last change", scale = {min = 0, max = 2, labels = {"Older", "Past year", "This period"}},
     score = function(records, period)
       local updated = records[1].updated
       if updated == nil then return nil, "no date" end
       local age = day_number(period.last) - day_number(updated)
       local s = updated >= period.first and updated <= period.last and 2 or (age >= 0 and age < 365) and 1 or 0
       return s, "updated " .. updated
     end},
  },
  thresholds = {
    {min = 0, level = "Stalled", rag = "red"},
    {min = 2, level = "Moving", rag = "amber"},
    {min = 4, level = "On track", rag = "green"},
  },
}
