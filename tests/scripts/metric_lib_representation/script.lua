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

local r = representation.run{workforce = workforce, force = "West Midlands",
                             from = 2019, to = 2024, benchmark = population}
show_shares(r.shares)
for row in r.change:rows() do
  print(row.ethnic_group, pct(row.from_share), pct(row.to_share),
        ("%.4f"):format(row.points), ("%.4f"):format(row.relative))
end
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
for _, s in ipairs(r.sentences) do print(s) end
