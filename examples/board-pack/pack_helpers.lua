-- Small helpers the board pack's scripts share (require("pack_helpers")).
local helpers = {}

-- A whole number with commas between thousands, as board papers print
-- counts: 2770 -> "2,770".
function helpers.thousands(n)
  local digits = tostring(math.floor(n))
  return (digits:reverse():gsub("(%d%d%d)", "%1,"):reverse():gsub("^,", ""))
end

-- A copy of ds with fractions shown as percentages, in new columns:
-- helpers.percent(ds, {{"share", "percent"}, {"lower", "percent_lower"}})
-- adds percent = 100 x share and so on (missing stays missing).
function helpers.percent(ds, pairs_of_names)
  for _, names in ipairs(pairs_of_names) do
    local from = names[1]
    ds = ds:mutate(names[2], function(row) return row[from] and 100 * row[from] end)
  end
  return ds
end

return helpers
