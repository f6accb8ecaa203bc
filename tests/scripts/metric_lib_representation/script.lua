-- Representation of ethnic minorities in West Midlands Police, 2019 to 2024,
-- on the example Home Office table: the seed report's 12.4% -> 16.3% is a
-- rise of 3.9 percentage points and a 31% proportional increase (not 32%);
-- officers 10.8% -> 14.3%; Black unchanged at 2.0%; 5 times as many Asian
-- as Black officers and staff.
local representation = require("representation")
local workforce = rapkit.load("workforce", "workforce-west-midlands-2019-2024.csv")
local population = rapkit.load("population", "population-west-midlands-2011.csv")

local function pct(x) return x and ("%.2f%%"):format(100 * x) or "nil" end
local function show_shares(ds, by)
  for row in ds:rows() do
    print(row.year, by and row[by] or "", row.ethnic_group,
          row.headcount_suppressed and "[c]" or row.headcount,
          pct(row.share), pct(row.lower), pct(row.upper), pct(row.benchmark))
  end
end

-- Bounds for the Not stated headcount u of a year (and level): the share if
-- none of them were in the group, k / (n + u), and if all were, (k + u) / (n + u).
-- By hand, 2019: n = 10,000 stated, u = 300; Black 200 / 10,300 = 1.94%,
-- 500 / 10,300 = 4.85%; Ethnic minority 1,240 / 10,300 = 12.04%, 1,540 / 10,300
-- = 14.95%. 2024: n = 11,600, u = 400; Black 232 / 12,000 = 1.93%, 632 / 12,000
-- = 5.27%; White 9,709 / 12,000 = 80.91%, 10,109 / 12,000 = 84.24%.
local function pct4(x) return x and ("%.4f%%"):format(100 * x) or "nil" end
local function show_bounds(ds, by)
  for row in ds:rows() do
    print("bounds", row.year, by and row[by] or "", row.ethnic_group, row.unstated,
          pct4(row.share), pct4(row.share_if_none), pct4(row.share_if_all), row.withheld)
  end
end

local r = representation.run{workforce = workforce, force = "West Midlands",
                             from = 2019, to = 2024, benchmark = population}
show_shares(r.shares)
for row in r.change:rows() do
  print(row.ethnic_group, pct(row.from_share), pct(row.to_share),
        ("%.4f"):format(row.points), ("%.4f"):format(row.relative))
end
show_bounds(r.unstated_bounds)
print("used", r.used)
print(r.excluded)
for _, s in ipairs(r.sentences) do print(s) end
for _, s in ipairs(r.notes) do print(s) end

-- Officers and staff apart.
r = representation.run{workforce = workforce, by = "worker_type"}
show_shares(r.shares, "worker_type")
for _, s in ipairs(r.sentences) do print(s) end

-- By rank in 2024: small cells are suppressed ([c], never 0), with a second
-- cell so that the total cannot give them back; Ethnic minority hides with them.
r = representation.run{workforce = workforce, by = "rank_description"}
show_shares(r.shares:filter{year = 2024}, "rank_description")
-- Bounds by rank: withheld where the headcount is suppressed, where the
-- Not stated headcount is from 1 to 9 (Chief Inspector, u = 2: the bounds
-- would give it back), and for a zero beside a hidden cell (Chief Officer).
-- Constable 2024: n = 5,653, u = 123; Black 105 / 5,776 = 1.82%, 228 / 5,776 = 3.95%.
show_bounds(r.unstated_bounds:filter{year = 2024}, "rank_description")
for _, s in ipairs(r.sentences) do print(s) end
