local ok = rapkit.read_csv("bad.csv", {lenient = true})
print(ok:nrow())
local strict = rapkit.read_csv("bad.csv")
