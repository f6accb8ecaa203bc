-- print(ds) shows the first 10 rows as an aligned table, then the row count.
local searches = rapkit.read_csv("searches.csv")
print(searches)
print(tostring(searches:filter{force = "Nowhere"}))
print(searches:select("force"):filter{force = "Essex"})
-- missing is blank, empty text is "", long text is cut, a line break shows as \n
local notes = rapkit.dataset{
  names = {"id", "note", "score"},
  id = {1, 2, 3, 4},
  note = {"", rapkit.MISSING, "a note long enough to be cut at forty characters", "two\nlines"},
  score = {0.5, rapkit.MISSING, 12.25, 3},
}
print(notes)
print(rapkit.dataset{x = {}})
do
  local closed <close> = rapkit.dataset{x = {1}}
  print(closed)
  _G.kept = closed
end
print(kept)
