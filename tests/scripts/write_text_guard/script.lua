-- rapkit.write_text is under the run's output guard, as write_csv is: it
-- may not silently replace a file another write of the run made (a chart's
-- companion, say), nor be replaced by one. {replace = true} replaces such a
-- file on purpose. (Regression: write_text used to replace a chart's x.csv.)
local rates = rapkit.dataset{group = {"White", "Black"}, rate = {5, 24}}
local function try(f) print(pcall(f)) end

local chart = rapkit.chart.bar{data = rates, x = "group", y = "rate", title = "Black people were searched most"}
chart:save("x.png")
try(function() rapkit.write_text("x.csv", "group,rate\n") end)         -- the chart's companion
try(function() rapkit.write_text("sub/../x.png", "not a chart\n") end)  -- the chart itself, by another path
rapkit.write_text("x.csv", "group,rate,note\nBlack,24,replaced\n", {replace = true})
try(function() chart:save("x.svg") end)                                -- x.csv is write_text's now

rapkit.write_text("notes.md", "first\n")
try(function() chart:save("notes.png") end)                            -- a chart onto write_text's file
rapkit.write_text("notes.md", "second\n")                              -- write_text again: fine
rates:write_csv("table.csv")
rapkit.write_text("table.csv", "group,rate\nWhite,5\n")                -- plain writes may replace each other
rapkit.write_text("fresh.txt", "new\n", {replace = true})              -- nothing to replace: fine

try(function() rapkit.write_text("y.txt", "", {replac = true}) end)
try(function() rapkit.write_text("y.txt", "", {replace = "yes"}) end)
try(function() rapkit.write_text("y.txt", "", "replace") end)
print("done")
