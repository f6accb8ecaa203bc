local ds = rapkit.dataset{n = {1, 2}}
ds:write_csv("tables/q1/n.csv")
ds:write_csv("tables/../top.csv")
