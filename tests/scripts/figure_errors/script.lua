-- rapkit.figure's errors name the script's line and say what to do.
local counts = rapkit.read_csv("counts.csv")
local chart = rapkit.chart.funnel{data = counts, stage = "stage", value = "people", title = "Stages"}

local function try(spec)
  local ok, err = pcall(rapkit.figure, spec)
  print(ok, err)
end
try(nil)
try{chart = chart, statement = "No name."}
try{name = "a b", chart = chart, statement = "A name with a space."}
try{name = "x", chart = chart}
try{name = "x", chart = chart, statement = "Two\nlines."}
try{name = "x", chart = counts, statement = "Not a chart."}
try{name = "x", table = chart, statement = "Not a table."}
try{name = "x", statement = "Neither a chart nor a table."}
try{name = "x", table = counts, statement = "A table without a title."}
try{name = "x", chart = chart, statement = "Caveats as text.", caveats = "one caveat"}
try{name = "x", chart = chart, statement = "A caveat that is not text.", caveats = {1}}
try{name = "x", chart = chart, statement = "Labels without a table.", labels = {stage = "Stage"}}
try{name = "x", table = counts, title = "T", statement = "A label for no column.", labels = {stag = "Stage"}}
try{name = "x", chart = chart, statment = "A misspelt option."}
try{name = "x", chart = chart, statement = "Source must be text.", source = 1}
-- A figure's name is its files: two figures of one name are an error.
rapkit.figure{name = "stages", chart = chart, statement = "The first."}
rapkit.figure{name = "stages", chart = chart, statement = "The second."}
