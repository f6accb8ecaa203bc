-- climbing out through a folder that exists
local ds = rapkit.read_csv("sub/../../outside.csv")
print(ds:nrow())
