-- A tour of the dataset kinds on the illustrative data in this folder.

-- Black joiners and leavers in 2024-25, by worker type: "24 left for every 32 who joined".
local events = rapkit.load("workforce_events", "workforce-events-2024-25.csv")
local black = events:filter{ethnic_group = "Black"}
local by_type = black:count("event", "worker_type")
print(by_type)
by_type:write_csv("black-joiners-and-leavers-by-worker-type.csv")
rapkit.chart.bar{
  data = black:count("event"), x = "event", y = "n",
  title = "Fewer Black colleagues left than joined in 2024-25",
  subtitle = "Black joiners and leavers, officers and staff, April 2024 to March 2025",
  source = "illustrative force HR extract",
}:save("black-joiners-and-leavers.png")

-- Stop and search: searches of people by self-defined ethnic group, with the
-- Census 2011 West Midlands population that rapkit ships.
local searches = rapkit.load("stop_search", "2021-06-west-midlands-stop-and-search.csv")
local people = searches:filter{person_search = true}
local population = rapkit.load("population", "builtin:census-2011-west-midlands")
local rates = people:count("ethnic_group")
  :join(population:select("ethnic_group", "population"), "ethnic_group")
  :mutate("per_1000", function(row)
    if row.population == nil then return nil end
    return 1000 * row.n / row.population
  end)
print(rates)
rates:write_csv("searches-per-1000.csv")

-- Section 136: the monthly series, by financial year.
local s136 = rapkit.load("s136", "s136-monthly.csv")
print(s136:group_by("financial_year"):agg{months = "count", detentions = {"sum", "detentions"}})

-- The survey actions and the activity log.
print(rapkit.load("survey_actions", "survey-actions.csv"):count("owner", "status"))
print(rapkit.load("activities", "activities-2024-25-to-2025-26.csv"):count("workstream_name"))
