-- T3 through the stop_search kind: find rate, searches per 1,000 and the
-- ratio to White's rate, by officer-defined ethnicity.
local ETH = "officer_defined_ethnicity"
local searches = rapkit.load("stop_search", rapkit.data.searches, {columns = {ETH, "nfa"}})
local population = rapkit.read_csv(rapkit.data.population)
local by_group = population
  :join(searches:count(ETH):rename{n = "searches"}, "ethnicity", ETH)
  :join(searches:filter{nfa = false}:count(ETH):rename{n = "finds"}, "ethnicity", ETH)
  :to_table()
local white
for _, row in ipairs(by_group) do
  if row.ethnicity == "White" then white = row.searches / row.population end
end
local out = {names = {"officer_defined_ethnicity", "searches", "finds", "find_rate",
                      "population", "per_1000", "disparity_vs_white"}}
for _, name in ipairs(out.names) do out[name] = {} end
for i, row in ipairs(by_group) do
  local rate = row.searches / row.population
  out.officer_defined_ethnicity[i] = row.ethnicity
  out.searches[i] = row.searches
  out.finds[i] = row.finds or 0
  out.find_rate[i] = (row.finds or 0) / row.searches
  out.population[i] = row.population
  out.per_1000[i] = 1000 * rate
  out.disparity_vs_white[i] = rate / white
end
rapkit.dataset(out):write_csv("rapkit_t3.csv")
