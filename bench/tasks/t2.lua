-- T2: searches by month (first 7 characters of Date, local time as written)
-- x Officer-defined ethnicity.
local searches = rapkit.read_csv(rapkit.data.searches, {
  columns = {"Date", "Officer-defined ethnicity"},
  types = {Date = "text"},
})
searches
  :mutate("month", function(row) return row.Date:sub(1, 7) end)
  :count("month", "Officer-defined ethnicity")
  :rename("Officer-defined ethnicity", "officer_defined_ethnicity")
  :rename("n", "searches")
  :write_csv("rapkit_t2.csv")
