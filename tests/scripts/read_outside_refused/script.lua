local ds = rapkit.read_csv("../outside.csv")
print(ds:nrow())
