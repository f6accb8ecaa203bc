local actions = rapkit.load("survey_actions", "actions.csv")
for row in actions:rows() do print(row.ref, row.owner_force, row.owner_national, row.status, row.updated) end
local detentions = rapkit.load("s136", "detentions.csv")
for row in detentions:rows() do
  print(row.id, row.sectioned, row.ethnic_group, row.ethnicity_detail, row.month, row.quarter)
end
local events = rapkit.load("workforce_events", "events.csv")
for row in events:rows() do print(row.id, row.ethnic_group, row.ethnicity_detail, row.financial_year) end
print(table.concat(rapkit.ETHNIC_GROUPS, ", "))
