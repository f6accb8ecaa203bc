-- T1: searches by Officer-defined ethnicity, blank kept as its own group.
local searches = rapkit.read_csv(rapkit.data.searches, {columns = {"Officer-defined ethnicity"}})
searches:count("Officer-defined ethnicity")
  :rename("Officer-defined ethnicity", "officer_defined_ethnicity")
  :rename("n", "searches")
  :write_csv("rapkit_t1.csv")
