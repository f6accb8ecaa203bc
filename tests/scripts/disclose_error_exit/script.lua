local counts = rapkit.dataset{group = {"Asian", "Black"}, n = {3, -1}, names = {"group", "n"}}
print(#counts)
local safe = rapkit.disclose(counts, {cols = {"n"}})
