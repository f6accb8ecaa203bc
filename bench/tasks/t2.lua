-- T2: searches by month (of Date's local date, as written) x Officer-defined
-- ethnicity.
local searches = rapkit.read_csv(rapkit.data.searches, {columns = {"Date", "Officer-defined ethnicity"}})
searches
  :add_period("month", "Date", "month")
  :count("month", "Officer-defined ethnicity")
  :rename("Officer-defined ethnicity", "officer_defined_ethnicity")
  :rename("n", "searches")
  :write_csv("rapkit_t2.csv")
