-- link.csv is a symbolic link to ../outside.csv
local ds = rapkit.read_csv("link.csv")
print(ds:nrow())
