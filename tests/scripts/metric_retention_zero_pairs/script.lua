-- Regression (reviewer): retention's detail had a row only for the group,
-- worker type and gender combinations that occur, so a stacked bar of it
-- showed an absent pair as [x] (not available) where the count is 0. Every
-- group, worker type and gender of the period is now crossed with the
-- others. Black officers here are all female joiners and Black staff all
-- male leavers: Black male officers and female staff are 0, not missing.
-- A suppressed count stays [c], never 0. events.csv is invented for this
-- test; one White leaver has no worker type (Not recorded, not an error).
local retention = require("retention")
local events = rapkit.load("workforce_events", "events.csv")

local function show(ds)
  for row in ds:rows() do
    local out = {row.ethnic_group, row.worker_type, row.gender}
    for _, c in ipairs{"joiners", "leavers", "net"} do
      out[#out + 1] = row[c .. "_suppressed"] and "[c]" or tostring(row[c])
    end
    print(table.concat(out, "\t"))
  end
end

-- At the default threshold of 10: the small counts are [c], the zeros 0.
local r = retention.run{events = events}
show(r.detail)

-- With nothing suppressed, the stacked bar of Black genders by worker type:
-- every part is a number, and every total is known.
rapkit.min_count = 1
r = retention.run{events = events}
local black = r.detail:filter(function(row)
  return row.ethnic_group == "Black" and row.gender ~= "All"
end)
rapkit.chart.bar{
  data = black, x = "worker_type", y = "joiners", group = "gender", layout = "stacked",
  title = "Black joiners by worker type and gender",
}:save("black-joiners.svg")
print(rapkit.read_text("out/black-joiners.csv"))
