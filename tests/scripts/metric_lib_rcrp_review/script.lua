-- 2026-11-24 review regressions for rcrp:
-- s136a.csv: June has 5 detentions (withheld as [c]) and March has a dip-sample
-- count with no "appropriate" count: the module must not crash, and neither the
-- totals nor the monthly range may reveal June.
-- s136b.csv: a month with 0 detentions: no "nan" in any sentence.
local rcrp = require("rcrp")
for _, file in ipairs{"s136a.csv", "s136b.csv"} do
  local r = rcrp.run{s136 = rapkit.load("s136", file), go_live = "2024-04"}
  print(file)
  for _, s in ipairs(r.sentences) do print(s) end
  print(r.excluded)
end
