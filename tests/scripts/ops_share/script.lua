local searches = rapkit.read_csv("searches.csv")
-- each row's share of the whole dataset's total (107); missing stays missing
print(searches:share("searches"))
-- each row's share of its force's total: Merseyside's total is 0, so no shares
local by_force = searches:share("searches", "force")
print(by_force)
print(by_force:type("searches_share"), math.type(by_force:get(1, "searches_share")))
-- a list of by columns: every group is one row here
print(searches:share("searches", {"force", "ethnicity"}):get(1, "searches_share"))
local function try(f)
  local ok, message = pcall(f)
  print(ok, message)
end
try(function() return searches:share("serches") end)
try(function() return searches:share("searches", "froce") end)
try(function() return searches:share("ethnicity") end)
try(function() return searches:share("searches", 2) end)
try(function() return searches:share("searches", {"force", 2}) end)
try(function() return by_force:share("searches") end)
