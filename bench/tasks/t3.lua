-- T3: per Officer-defined ethnicity in the population file: the share of
-- searches whose Outcome is not "A no further action disposal", searches per
-- 1,000 population, and the ratio of that rate to White's.
local ETH = "Officer-defined ethnicity"
local searches = rapkit.read_csv(rapkit.data.searches, {columns = {ETH, "Outcome"}})
local population = rapkit.read_csv(rapkit.data.population)

local all = searches:count(ETH):rename("n", "searches")
local nfa = searches:filter{Outcome = "A no further action disposal"}:count(ETH):rename("n", "nfa")

local by_group = {}
for row in population:join(all, "ethnicity", ETH):join(nfa, "ethnicity", ETH):rows() do
  by_group[#by_group + 1] = row
end
local white
for _, row in ipairs(by_group) do
  if row.ethnicity == "White" then white = row.searches / row.population end
end

local out = {names = {"officer_defined_ethnicity", "searches", "finds", "find_rate",
                      "population", "per_1000", "disparity_vs_white"}}
for _, name in ipairs(out.names) do out[name] = {} end
for i, row in ipairs(by_group) do
  local finds = row.searches - (row.nfa or 0)
  local rate = row.searches / row.population
  out.officer_defined_ethnicity[i] = row.ethnicity
  out.searches[i] = row.searches
  out.finds[i] = finds
  out.find_rate[i] = finds / row.searches
  out.population[i] = row.population
  out.per_1000[i] = 1000 * rate
  out.disparity_vs_white[i] = rate / white
end
rapkit.dataset(out):write_csv("rapkit_t3.csv")
