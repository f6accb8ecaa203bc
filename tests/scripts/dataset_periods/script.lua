local searches = rapkit.read_csv("searches.csv")
local with = searches
  :add_period("month", "Date", "month")
  :add_period("quarter", "Date", "quarter")
  :add_period("fy", "Date", "financial_year")
for row in with:rows() do print(row.month, row.quarter, row.fy) end
for row in with:count("quarter"):rows() do print(row.quarter, row.n) end
local ok, err = pcall(function() return searches:add_period("p", "Outcome", "month") end)
print(ok, err)
print(pcall(function() return searches:add_period("p", "Date", "week") end))
