-- Regression (2025-03): a pattern in rapkit.load, in a script run from
-- another folder (rapkit run sub/script.lua), put the script's folder in
-- front of each file twice and found none.
local pop = rapkit.load("population", "data/*.csv")
print(pop:count("source_file"))
