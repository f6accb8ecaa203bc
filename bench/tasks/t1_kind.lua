-- T1 through the stop_search kind: searches by officer-defined ethnicity.
local searches = rapkit.load("stop_search", rapkit.data.searches, {columns = {"officer_defined_ethnicity"}})
searches:count("officer_defined_ethnicity"):rename{n = "searches"}:write_csv("rapkit_t1.csv")
