local ds = rapkit.read_csv("/etc/passwd")
print(ds:nrow())
