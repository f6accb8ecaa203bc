local ds = rapkit.dataset{
  names = {"group", "n", "rate", "note"},
  group = {"Asian", "Black", "Mixed", "Other"},
  n = {12, 40, rapkit.MISSING, 7},
  rate = {1.5, 8, 0.25, 1},
  note = {"plain", "with, comma", 'say "hi"', rapkit.MISSING},
}
print(ds:nrow(), ds:type("n"), ds:type("rate"), ds:type("note"))
ds:write_csv("table.csv")
ds:write_csv("nested/again.csv")
local sorted_names = rapkit.dataset{b = {1}, a = {"x"}}
print(table.concat(sorted_names:names(), ","))
print(ds:get(3, "n"), ds:get(4, "note"))
