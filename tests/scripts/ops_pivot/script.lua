local searches = rapkit.read_csv("searches.csv")
-- count first, so each (force, quarter) pair has one row, then go wide
local counts = searches:count("force", "quarter")
print(counts:pivot("force", "quarter", "n"))
print(counts:pivot("quarter", "force", "n"):names()[4])
-- the cells keep the value column's type; a missing pair is a missing cell
local wide = searches:count("quarter", "ethnicity"):pivot("ethnicity", "quarter", "n")
print(wide)
print(wide:type("2024-25 Q1"), wide:get(1, "2024-25 Q2"), wide:get(1, "(missing)"))
local function try(f)
  local ok, message = pcall(f)
  print(ok, message)
end
try(function() return searches:pivot("force", "quarter", "ethnicity") end)
try(function() return counts:pivot("force", "qaurter", "n") end)
try(function() return counts:pivot("force", "quarter") end)
try(function() return counts:pivot("force", "force", "n") end)
