-- T2 through the stop_search kind: searches by month x officer-defined ethnicity.
local searches = rapkit.load("stop_search", rapkit.data.searches, {columns = {"month", "officer_defined_ethnicity"}})
searches:count("month", "officer_defined_ethnicity"):rename{n = "searches"}:write_csv("rapkit_t2.csv")
