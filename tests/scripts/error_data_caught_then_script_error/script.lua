-- the data error is caught; the run then fails for another reason
local ok, err = pcall(rapkit.read_csv, "ragged.csv")
print(ok)
local total = nil + 1
