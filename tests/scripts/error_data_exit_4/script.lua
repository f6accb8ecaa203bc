local ds = rapkit.read_csv("ragged.csv")
