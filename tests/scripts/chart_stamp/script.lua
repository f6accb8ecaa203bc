-- The reproducibility stamp (NAME.json, exactly): the run time from
-- SOURCE_DATE_EPOCH (see env), the script and the module it required with
-- their SHA-256, every input read so far with the rows loaded and set aside
-- (the same read twice is listed once; builtin data is hashed too; each
-- file of a load with its rows set aside and kept but unusable), the
-- chart's values drawn, missing and withheld, and the rows the script
-- states it used and excluded.
local helper = require("helper")
local counts, set_aside = rapkit.read_csv("counts.csv", {lenient = true})
rapkit.read_csv("counts.csv", {lenient = true})
print("set aside", set_aside:nrow())
local shown = rapkit.disclose(counts, {cols = {"searches"}, min = 5})
local excluded = rapkit.dataset{reason = {"vehicle only", "ethnicity not stated"}, rows = {30, 57},
                                names = {"reason", "rows"}}
rapkit.chart.bar{
  data = shown, x = "group", y = "searches", title = helper.title,
  rows_used = 6664, rows_excluded = excluded,
}:save("rates.png")

rapkit.load("population", "builtin:census-2011-west-midlands")
local searches, problems = rapkit.load("stop_search", {"searches_jan.csv", "searches_feb.csv"},
                                       {lenient = true, keep_going = true})
print("searches", searches:nrow(), "problems", problems:nrow())
rapkit.chart.spc{
  spc = rapkit.stats.spc({4, 5, nil, 6}), title = "Steady", rows_excluded = 2,
}:save("steady.svg")
