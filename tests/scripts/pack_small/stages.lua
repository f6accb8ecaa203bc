-- A bar chart (placed in the PDF as its PNG) and a table-only figure; the
-- script writes a file of its own too, which the manifest lists.
local counts = rapkit.read_csv(rapkit.data.counts)
rapkit.figure{
  name = "stage-bars",
  chart = rapkit.chart.bar{data = counts, x = "stage", y = "people", title = "People at each stage"},
  statement = "30 of 100 attended.",
}
rapkit.figure{name = "stage-table", title = "The stages", statement = "Three stages.", table = counts,
              labels = {stage = "Stage", people = "People"}}
counts:write_csv("extra/counts-copy.csv")
