-- A chart's companions (NAME.csv, NAME.md, NAME.alt.txt, NAME.json) must
-- not silently replace a file written earlier in the run, nor be replaced
-- by one: such a save or write is refused before anything is written,
-- naming both writes and their lines. One chart may be saved in several
-- formats, and write_csv may write its own file again.
local rates = rapkit.dataset{group = {"White", "Black"}, rate = {5, 24}}
local function try(f) print(pcall(f)) end

rates:write_csv("rates.csv")
local chart = rapkit.chart.bar{data = rates, x = "group", y = "rate", title = "Black people were searched most"}
try(function() chart:save("rates.png") end)           -- would replace rates.csv
try(function() chart:save("tables/../rates.svg") end) -- the same file by another path

chart:save("chart.png")
chart:save("chart.svg")                                -- the same chart again: fine
try(function() rates:write_csv("chart.csv") end)       -- would replace the chart's table
try(function() rates:write_csv("./chart.png") end)     -- or the chart itself
local other = rapkit.chart.bar{data = rates, x = "group", y = "rate", title = "Another chart"}
try(function() other:save("chart.pdf") end)            -- another chart with the same NAME

rates:write_csv("rates.csv")                           -- write_csv again: fine
chart:save("figures/chart.png")                        -- another folder: fine
rates:write_csv("chart.json.csv")                      -- only the names must differ
print("done")
other:save("rates.png")                                -- uncaught: the run stops, nothing written
