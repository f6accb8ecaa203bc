local counts = rapkit.read_csv("counts.csv")
local pop = rapkit.read_csv("population.csv")
local joined = counts:join(pop, "ethnicity", "group")
print(table.concat(joined:names(), ","))
local rates = joined:mutate("per_1000", function(row)
  if row.population == nil then return nil end
  return 1000 * row.searches / row.population
end)
for row in rates:rows() do print(row.ethnicity, row.searches, row.population, row.per_1000) end
print(rates:type("per_1000"))
local flags = rates:mutate("large", function(row) return row.searches > 10 end)
print(flags:type("large"), flags:get(3, "large"))
local labels = rates:mutate("label", function(row) return row.ethnicity:upper() end)
print(labels:type("label"), labels:get(1, "label"))
local t = rates:to_table()
print(#t, t[2].ethnicity, t[3].population)
print(counts:nrow(), #counts:names())
print(counts:rename("searches", "n"):names()[2])
