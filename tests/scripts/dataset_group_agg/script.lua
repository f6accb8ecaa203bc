local staff = rapkit.read_csv("staff.csv")
local function show(ds)
  for row in ds:rows() do
    local cells = {}
    for i, name in ipairs(ds:names()) do cells[i] = tostring(row[name]) end
    print(table.concat(cells, " "))
  end
end
show(staff:count("team"))
print("--")
show(staff:count("team", "grade"))
print("--")
local agg = staff:group_by("team"):agg{
  n = "count", total = {"sum", "salary"}, mean_years = {"mean", "years"},
  lowest = {"min", "salary"}, most = {"max", "years"},
}
print(table.concat(agg:names(), " "))
local skipped = agg:skipped()
print(skipped.n, skipped.total, skipped.mean_years, skipped.lowest, skipped.most, next(staff:skipped()))
show(agg)
print(math.type(agg:get(1, "total")), math.type(agg:get(1, "mean_years")))
print("--")
show(staff:sort("salary", "desc"):select("salary", "team"))
print("--")
show(staff:sort("team"):select("team", "years"))
