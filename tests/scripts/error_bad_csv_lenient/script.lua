local ok, aside = rapkit.read_csv("bad.csv", {lenient = true})
print(ok:nrow(), aside:nrow(), aside:get(1, "line"), aside:get(1, "fields"), aside:get(1, "text"))
local strict = rapkit.read_csv("bad.csv")
