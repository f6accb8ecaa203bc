-- matrix.emmie: an EMMIE-style scheme for the activity log (kind
-- "activities"), a starting point to copy and change. EMMIE (Johnson, Tilley
-- and Bowers, 2015) asks five questions of an intervention: its Effect, the
-- Mechanism by which it works, the Moderators (where and for whom), its
-- Implementation, and its Economics. Each dimension here is an evidence
-- level, 0 (none) to 4 (strong), read from what the log records:
--
--   Effect          the log's Evidence level (0 none ... 4 evaluated), the
--                   highest among the period's records
--   Mechanism       participants' feedback (a response-weighted mean on 1-5):
--                   a sign that the activity works as meant; missing when no
--                   record has scored feedback
--   Moderators      how many departments and local policing areas it ran in:
--                   1, 2-3, 4-6, 7 or more (evidence across settings)
--   Implementation  how often it was delivered in the period: 1, 2-3, 4-6, 7+
--   Economics       cost per contact, from "cost £N" in the Notes; missing
--                   when no record states a cost
--
-- Effect weighs double. Levels on the weighted total (0 to 24): Strong 14 or
-- more, Promising 8 to under 14, Limited under 8. A missing score is
-- missing: the total is reweighted over the dimensions scored.
--
--   rapkit matrix emmie.lua --data activities=log.csv --period "2025-26 Q2"
-- where emmie.lua holds `return require("matrix.emmie")`.

local LEVELS = {"None", "Weak", "Some", "Good", "Strong"}

local function steps(n, cuts)
  -- the score 0..#cuts for n: how many of the cuts n reaches
  local s = 0
  for _, c in ipairs(cuts) do if n >= c then s = s + 1 end end
  return s
end

return rapkit.matrix{
  name = "emmie",
  version = "1.0",
  title = "EMMIE-style evidence",
  description = "Effect, Mechanism, Moderators, Implementation and Economics, each an evidence level 0-4",
  rows = {data = "activities", kind = "activities", key = "activity", group = "workstream_name",
          date = "date"},
  dimensions = {
    {name = "Effect", scale = {min = 0, max = 4, labels = LEVELS},
     score = function(records)
       local best = 0
       for _, r in ipairs(records) do best = math.max(best, r.evidence_level) end
       return best, "highest evidence level recorded: " .. best
     end},
    {name = "Mechanism", scale = {min = 0, max = 4, labels = LEVELS},
     score = function(records)
       local sum, n = 0, 0
       for _, r in ipairs(records) do
         if r.feedback_score and r.feedback_responses then
           sum = sum + r.feedback_score * r.feedback_responses
           n = n + r.feedback_responses
         end
       end
       if n == 0 then return nil, "no scored feedback" end
       local mean = sum / n
       return steps(mean, {3.0, 3.5, 4.0, 4.5}),
              string.format("feedback %.1f out of 5 from %d responses", mean, n)
     end},
    {name = "Moderators", scale = {min = 0, max = 4, labels = LEVELS},
     score = function(records)
       local places, n = {}, 0
       for _, r in ipairs(records) do
         local p = r.department_or_lpa or "not recorded"
         if not places[p] then places[p] = true; n = n + 1 end
       end
       return steps(n, {1, 2, 4, 7}), n .. (n == 1 and " department or area" or " departments or areas")
     end},
    {name = "Implementation", scale = {min = 0, max = 4, labels = LEVELS},
     score = function(records)
       local n = #records
       return steps(n, {1, 2, 4, 7}), n .. (n == 1 and " delivery" or " deliveries") .. " in the period"
     end},
    {name = "Economics", scale = {min = 0, max = 4, labels = LEVELS},
     score = function(records)
       local cost, contacts = 0, 0
       for _, r in ipairs(records) do
         local c = r.notes and r.notes:match("[Cc]ost £([%d,]+)")
         if c then
           cost = cost + tonumber((c:gsub(",", "")))
           contacts = contacts + (r.reach or 0)
         end
       end
       if contacts == 0 then return nil, "no cost recorded" end
       local per = cost / contacts
       -- cheaper per contact scores higher: under £5, £20, £50, £100
       return 4 - steps(per, {5, 20, 50, 100}), string.format("£%.2f per contact", per)
     end},
  },
  weights = {Effect = 2, Mechanism = 1, Moderators = 1, Implementation = 1, Economics = 1},
  thresholds = {
    {min = 0, level = "Limited", rag = "red"},
    {min = 8, level = "Promising", rag = "amber"},
    {min = 14, level = "Strong", rag = "green"},
  },
}
