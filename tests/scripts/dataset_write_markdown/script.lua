-- ds:write picks the format from the extension: .csv as write_csv writes
-- it, .md a Markdown table with numbers right-aligned, [x] for missing and
-- [c] for a count withheld by rapkit.disclose.
local leavers = rapkit.dataset{
  names = {"area", "group", "leavers", "rate"},
  area = {"North", "North", "North", "South", "South"},
  group = {"Black", "White | Irish", "Asian", "Black", rapkit.MISSING},
  leavers = {3, 120, 40, 55, rapkit.MISSING},
  rate = {0.5, 12.25, 4, rapkit.MISSING, 1},
}
local safe = rapkit.disclose(leavers, {cols = {"leavers"}, by = {"area"}})
safe:write("tables/leavers.md")
safe:write("tables/leavers.csv")
leavers:select("area", "leavers"):write("short.md")
-- Another extension is refused before any folder is made for it.
local ok, err = pcall(safe.write, safe, "nope/leavers.txt")
print(ok, err)
ok, err = pcall(safe.write, safe, "../leavers.md")
print(ok, err)
-- A failed write leaves no file and no temporary behind.
local empty = rapkit.dataset{}
ok, err = pcall(empty.write, empty, "tables/empty.md")
print(ok, err)
