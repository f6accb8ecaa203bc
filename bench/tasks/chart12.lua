-- The chart benchmark's 12 bars (bench/chart_bench.c) as a script: one PNG,
-- with its alt text and tables, as an analyst's run would write it.
rapkit.chart.bar{
  data = rapkit.dataset{
    month = {"Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"},
    searches = {412, 398, 455, 471, 430, 389, 402, 377, 351, 366, 394, 420},
    names = {"month", "searches"},
  },
  x = "month", y = "searches",
  title = "Searches of Black people peaked in July",
  subtitle = "Stop and searches of Black people per month, West Midlands, April 2024 to March 2025",
  source = "illustrative figures for the rapkit chart benchmark",
  x_title = "Month", y_title = "Searches",
}:save("chart12.png")
