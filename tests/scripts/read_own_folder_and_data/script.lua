-- files under the script's folder, and --data files wherever they are
print(rapkit.read_csv("sub/inside.csv"):nrow())
print(rapkit.data.secret)
print(rapkit.read_csv(rapkit.data.secret):nrow())
