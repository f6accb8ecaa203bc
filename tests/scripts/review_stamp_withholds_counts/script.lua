-- 2027-02 review: the stamp gave away what the chart withheld. Counts of
-- 0, 3, 0, 0, 0 through rapkit.disclose draw [c] among zeros, but NAME.json
-- (and the SVG's stamp) said rows "used": 3, the withheld value itself; a
-- reason's rows carried small counts whatever --min-count said. Stated
-- counts are "withheld" now, with a note saying why.
local counts = rapkit.dataset{group = {"Asian", "Black", "Mixed", "White", "Other"}, n = {0, 3, 0, 0, 0},
                              names = {"group", "n"}}
local shown = rapkit.disclose(counts, {cols = {"n"}})
rapkit.chart.bar{data = shown, x = "group", y = "n", title = "Few searches in June",
                 rows_used = 3, rows_excluded = 0}:save("withheld.svg")

-- Nothing withheld from the chart: only the small stated counts are.
local excluded = rapkit.dataset{reason = {"vehicle only", "ethnicity not stated", "no outcome"},
                                rows = {4, 0, 25}, names = {"reason", "rows"}}
local many = rapkit.dataset{group = {"Asian", "Black", "White"}, n = {120, 95, 310}, names = {"group", "n"}}
rapkit.chart.bar{data = rapkit.disclose(many, {cols = {"n"}}), x = "group", y = "n",
                 title = "Searches by group", rows_used = 525, rows_excluded = excluded}:save("small.svg")

-- The threshold is rapkit.min_count when the chart is saved.
rapkit.min_count = 3
rapkit.chart.bar{data = many, x = "group", y = "n", title = "Searches by group",
                 rows_used = 525, rows_excluded = excluded}:save("threshold.svg")
