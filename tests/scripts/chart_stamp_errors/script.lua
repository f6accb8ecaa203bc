-- rows_used and rows_excluded are checked when the chart is made, so the
-- error names that line: a count is a whole number, 0 or more; a dataset
-- of excluded rows has a text column reason and a number column rows, with
-- a reason and a count on every row.
local ds = rapkit.dataset{group = {"a"}, n = {1}}
local function try(extra)
  local spec = {data = ds, x = "group", y = "n", title = "A title"}
  for k, v in pairs(extra) do spec[k] = v end
  print(pcall(rapkit.chart.bar, spec))
end
try{rows_used = -1}
try{rows_used = 2.5}
try{rows_used = "10"}
try{rows_used = 0 / 0}
try{rows_excluded = "many"}
try{rows_excluded = -4}
try{rows_excluded = rapkit.dataset{why = {"a"}, rows = {1}}}
try{rows_excluded = rapkit.dataset{reason = {"a"}, rows = {"x"}}}
try{rows_excluded = rapkit.dataset{reason = {"a", rapkit.MISSING}, rows = {1, 2}}}
try{rows_excluded = rapkit.dataset{reason = {"a", "b"}, rows = {1, -3}}}
try{rows_excluded = rapkit.dataset{reason = {"a"}, rows = {1.5}}}
try{rows_used = 0, rows_excluded = rapkit.dataset{reason = {}, rows = {}}}
try{rows_usd = 1}
