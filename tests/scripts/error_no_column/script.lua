local counts = rapkit.read_csv("counts.csv")
print(counts:nrow())
local by = counts:count("ethnicty")
