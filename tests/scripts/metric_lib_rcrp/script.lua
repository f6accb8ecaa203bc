-- Section 136 detentions around RCRP go-live (February 2024 assumed, as in
-- examples/data/README.md): about 214 a month before, 196 after; over 70%
-- not ending in sectioning every month; appropriate attendance 92-95%.
local rcrp = require("rcrp")
local s136 = rapkit.load("s136", "s136-monthly.csv")
local r = rcrp.run{s136 = s136, go_live = "2024-02"}

local function f(x) return x and ("%.4f"):format(x) or "nil" end
for row in r.series:rows() do
  print(row.month, row.phase, row.detentions, f(row.centre), f(row.lower), f(row.upper),
        row.signal)
end
print(r.before_after)
for row in r.sectioning:rows() do
  print(row.month, row.detentions, row.not_sectioned, f(row.share), f(row.lower), f(row.upper))
end
for row in r.attendance:rows() do
  print(row.month, row.checked, row.appropriate, f(row.rate), f(row.lower), f(row.upper))
end
print("used", r.used)
print(r.excluded)
for _, s in ipairs(r.sentences) do print(s) end

-- A missing month is a gap, not a zero: drop 2023-06 and the mean before
-- go-live is over 21 months; the gap is reported.
local gap = rapkit.load("s136", "s136-monthly.csv"):filter(function(row)
  return row.month ~= "2023-06" end)
r = rcrp.run{s136 = gap, go_live = "2024-02"}
print(r.series:filter{month = "2023-06"}:get(1, "detentions"))
print(r.before_after)
print(r.excluded)
print(r.sentences[1])
