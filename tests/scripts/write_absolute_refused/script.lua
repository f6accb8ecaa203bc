local ds = rapkit.dataset{n = {1, 2}}
ds:write_csv("/tmp/rapkit-escape.csv")
