-- The lint on chart text warns, with the line that made the chart, about a
-- title of more than 15 words and about terms the Race Disparity Unit's
-- style advises against, each term once per chart, wherever it is first
-- seen: titles, source, labels from the data, marker and shade labels.
-- Words are whole and case is ignored; the charts are still drawn.
local groups = rapkit.read_csv("groups.csv")
rapkit.chart.bar{
  data = groups, x = "group", y = "n",
  title = "Searches of people from every ethnic group rose in the year to March 2024 across all of the force's areas",
  subtitle = "Searches of BAME people and of bame people, by group",
}:save("bar.png")

local monthly = rapkit.read_csv("monthly.csv")
rapkit.chart.line{
  data = monthly, x = "month", y = "n", group = "group",
  title = "Searches rose after go-live",
  y_title = "Searches of people of colour",
  markers = {{at = "2024-02", label = "BME review"}},
  shade = {{from = "2024-01", to = "2024-02", label = "Non white panel"}},
}:save("line.png")

-- No warning: fifteen words, and words that only contain a term.
rapkit.chart.bar{
  data = rapkit.dataset{group = {"White", "Mixed or Multiple"}, n = {1, 2}}, x = "group", y = "n",
  title = "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen",
  subtitle = "BAMEX and Blackstone; cells coloured by level",
}:save("quiet.png")
