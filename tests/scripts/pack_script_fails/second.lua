local d = rapkit.dataset{n = {1}}
-- a misspelt column
print(d:count("m"))
