-- Under `rapkit run`, a figure saves its chart (PNG and SVG, with the
-- companions every chart has) and its table (CSV), named by the figure.
local counts = rapkit.read_csv("counts.csv")
local chart = rapkit.chart.funnel{data = counts, stage = "stage", value = "people",
                                  title = "Few who confirmed applied"}
rapkit.figure{name = "funnel", chart = chart, statement = "Of 100 who confirmed, 5 applied.",
              table = counts, caveats = {"100 is a lower bound."}}
-- A table alone needs a title; a chart alone needs no table.
rapkit.figure{name = "table_only", title = "The stages", statement = "Three stages.", table = counts}
rapkit.figure{name = "chart-only", chart = chart, statement = "The same chart again."}
print(rapkit.figure{name = "nothing-returned", chart = chart, statement = "A figure returns nothing."})
-- The table's CSV is the dataset as write_csv writes it.
print(rapkit.read_csv("out/tables/funnel.csv"))
