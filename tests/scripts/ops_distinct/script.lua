local searches = rapkit.read_csv("searches.csv")
-- the distinct values of one column, sorted, missing last
print(searches:distinct("ethnicity"))
-- combinations of two columns, in the order named
print(searches:distinct("ethnicity", "force"))
-- no columns: distinct whole rows (7 rows, 2 repeated)
print(searches:distinct())
print(searches:nrow())
local function try(f)
  local ok, message = pcall(f)
  print(ok, message)
end
try(function() return searches:distinct("ethnicty") end)
try(function() return searches:distinct({"force"}) end)
try(function() return searches:distinct("force", "force") end)
