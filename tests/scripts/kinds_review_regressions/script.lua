-- 2026-11-24 review regressions.
-- A 2001 code that contradicts its label, or a label rapkit does not know with
-- a valid code, is not mapped: the group stays missing and it is reported.
-- A misspelt Type leaves person_search missing: never counted as a person.
local s, problems = rapkit.load("stop_search", "searches.csv")
for row in s:rows() do print(row.self_defined_ethnicity, row.ethnic_group, row.person_search) end
print(problems:nrow())
-- An activities file without the optional Workstream name column loads
-- (it read before the columns array).
local a = rapkit.load("activities", "activities.csv")
print(a:nrow(), a:get(1, "quarter"))
-- A nomis TS021 download holding a broad group's total row as well as its
-- detailed rows counts each person once (73 Asian in the Leeds 001 sample).
print(rapkit.load("population", "nomis_broad.csv"):filter{ethnic_group = "Asian"}:get(1, "population"))
