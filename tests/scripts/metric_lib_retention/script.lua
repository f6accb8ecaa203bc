-- Black joiners and leavers in 2024-25 on the example HR extract: officers 14
-- joined (3 female) and 13 left (4 female); staff 18 joined (11 female) and
-- 11 left (7 female). 32 joined, 24 left: 24 is 25% fewer than 32 (the
-- background report), never "25% more joining than leaving" (the cover report).
local retention = require("retention")
local events = rapkit.load("workforce_events", "workforce-events-2024-25.csv")

local function cell(row, col)
  return row[col .. "_suppressed"] and "[c]" or tostring(row[col])
end
local function show(ds, cols)
  for row in ds:rows() do
    local out = {}
    for _, c in ipairs(cols) do out[#out + 1] = tostring(row[c]) end
    for _, c in ipairs{"joiners", "leavers", "net"} do out[#out + 1] = cell(row, c) end
    print(table.concat(out, "\t"))
  end
end

local r = retention.run{events = events, period = "2024-25", group = "Black"}
show(r.by_group, {"ethnic_group"})
show(r.detail:filter{ethnic_group = "Black"}, {"ethnic_group", "worker_type", "gender"})
print("used", r.used, "excluded", r.excluded:nrow())
for _, s in ipairs(r.sentences) do print(s) end

-- With a threshold of 3 (as --min-count 3 will set) the gender splits show.
rapkit.min_count = 3
r = retention.run{events = events, group = "Black"}
show(r.detail:filter{ethnic_group = "Black"}, {"ethnic_group", "worker_type", "gender"})
rapkit.min_count = nil

-- Without a group: everyone; the rows of another year are excluded.
r = retention.run{events = events}
for _, s in ipairs(r.sentences) do print(s) end
