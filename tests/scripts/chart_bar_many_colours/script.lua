-- Five groups need five colours: refused with the reason, where the chart
-- is saved, before any file or folder is made; the run ends as a script error.
local people = rapkit.dataset{year = {2024, 2024, 2024, 2024, 2024}, n = {10, 20, 30, 40, 50},
  ethnicity = {"Asian", "Black", "Mixed", "White", "Other"}}
local chart = rapkit.chart.bar{data = people, x = "year", y = "n", group = "ethnicity", title = "Five groups"}
print("made")
chart:save("charts/five.png")
print("not reached")
