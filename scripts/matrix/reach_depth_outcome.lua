-- matrix.reach_depth_outcome: a reach x depth x outcome scheme for the
-- activity log (kind "activities"), a starting point to copy and change.
--
--   Reach    how many it reached in the period, 0 to 4: contacts with people
--            (attendees, participants, members, mentors, mentees,
--            facilitators) plus page views counted at one tenth, since a view
--            is not a person: under 1, 1-19, 20-99, 100-499, 500 or more
--   Depth    how deep the contact goes, 1 to 4, by activity type: a campaign
--            1; an event, scrutiny panel or working group 2; training or a
--            workshop 3; mentoring or coaching 4 (other types: missing)
--   Outcome  what is known of the outcome, 0 to 3, from the highest Evidence
--            level: output only (0-1) 0, reaction (2) 1, outcome measured (3)
--            2, evaluated (4) 3
--
-- The total multiplies them, each raised to its weight (all 1: the plain
-- product, 0 to 48), so an activity must do well on all three; a missing
-- score leaves the total missing. Levels: High 18 or more, Medium 6 to
-- under 18, Low under 6.

local PEOPLE = {attendees = true, participants = true, members = true, mentors = true, mentees = true,
                facilitators = true}
local DEPTH = {Campaign = 1, ["Engagement event"] = 2, ["Recruitment event"] = 2, ["Scrutiny panel"] = 2,
               ["Working group"] = 2, Training = 3, Workshop = 3, Mentoring = 4, Coaching = 4}

return rapkit.matrix{
  name = "reach_depth_outcome",
  version = "1.0",
  title = "Reach x depth x outcome",
  description = "Reach (0-4) times depth (1-4) times outcome (0-3)",
  rows = {data = "activities", kind = "activities", key = "activity", group = "workstream_name",
          date = "date"},
  dimensions = {
    {name = "Reach", scale = {min = 0, max = 4},
     score = function(records)
       local people, views = 0, 0
       for _, r in ipairs(records) do
         if r.reach and PEOPLE[r.reach_unit] then people = people + r.reach
         elseif r.reach and r.reach_unit == "views" then views = views + r.reach end
       end
       local contacts = people + views / 10
       local s = contacts >= 500 and 4 or contacts >= 100 and 3 or contacts >= 20 and 2 or contacts >= 1 and 1 or 0
       return s, string.format("%d contacts with people, %d page views", people, views)
     end},
    {name = "Depth", scale = {min = 1, max = 4},
     score = function(records)
       local best
       for _, r in ipairs(records) do
         local d = DEPTH[r.activity_type]
         if d and (not best or d > best) then best = d end
       end
       if not best then return nil, "activity type not rated" end
       return best, records[1].activity_type
     end},
    {name = "Outcome", scale = {min = 0, max = 3},
     score = function(records)
       local level = 0
       for _, r in ipairs(records) do level = math.max(level, r.evidence_level) end
       return math.max(level - 1, 0), "highest evidence level recorded: " .. level
     end},
  },
  total = function(scores, weights)
    local t = 1
    for _, name in ipairs({"Reach", "Depth", "Outcome"}) do
      if scores[name] == nil then return nil end
      t = t * scores[name] ^ weights[name]
    end
    return t
  end,
  thresholds = {
    {min = 0, level = "Low", rag = "red"},
    {min = 6, level = "Medium", rag = "amber"},
    {min = 18, level = "High", rag = "green"},
  },
}
