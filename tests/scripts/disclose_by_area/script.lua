-- Leavers by area and ethnic group, with a total row per area: small
-- counts suppressed, and a second cell where one alone would be revealed
-- by the total.
local leavers = rapkit.read_csv("leavers.csv")
local safe, suppressed = rapkit.disclose(leavers, {cols = {"leavers"}, by = {"area"},
                                                   total = {ethnic_group = "Total"}})
for row in safe:rows() do
  local shown = row.leavers_suppressed and "[c]" or tostring(row.leavers)
  print(row.area, row.ethnic_group, shown)
end
print("primary " .. suppressed.primary .. ", secondary " .. suppressed.secondary)
print(table.concat(safe:names(), ","), safe:type("leavers_suppressed"))
-- The input is unchanged.
print(leavers:get(1, "leavers"), leavers:get(2, "leavers"), table.concat(leavers:names(), ","))
safe:write_csv("leavers_safe.csv")
