-- Small helpers the board pack's scripts share (require("pack_helpers")).
local helpers = {}

-- A whole number with commas between thousands, as board papers print
-- counts: 2770 -> "2,770".
function helpers.thousands(n)
  local digits = tostring(math.floor(n))
  return (digits:reverse():gsub("(%d%d%d)", "%1,"):reverse():gsub("^,", ""))
end

return helpers
