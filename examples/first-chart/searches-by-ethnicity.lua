-- Stop and search by officer-defined ethnicity: a first rapkit script.
local searches = rapkit.read_csv("data/2020-01-city-of-london-stop-and-search.csv")
local by_group = searches:count("Officer-defined ethnicity"):sort("n", "desc")
by_group:write_csv("counts-by-ethnicity.csv")
rapkit.chart.bar{
  data = by_group, x = "Officer-defined ethnicity", y = "n",
  title = "Almost half of the searches were of people officers saw as White",
  subtitle = "Stop and searches by officer-defined ethnicity, City of London, January 2020",
  source = "data.police.uk, City of London Police",
}:save("searches-by-ethnicity.png")
