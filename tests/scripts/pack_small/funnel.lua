local counts = rapkit.read_csv(rapkit.data.counts)
rapkit.figure{
  name = "funnel",
  chart = rapkit.chart.funnel{data = counts, stage = "stage", value = "people", title = "Few applied"},
  statement = "Of 100 who confirmed, 5 applied.",
  table = counts,
  caveats = {"100 is a lower bound."},
}
