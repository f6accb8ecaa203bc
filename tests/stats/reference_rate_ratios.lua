-- Every row of Black Thrive's summarised_stops_2019-2021.csv (third-party,
-- read from ../shared; see ../shared/data/real/PROVENANCE.md): the ratio of
-- the Black to the White stop rate and its 95% interval, recomputed by
-- rapkit.stats.rate_ratio from the counts in the same row, must equal the
-- file's rr, rr_ci_low and rr_ci_upp to 4 decimal places, with the file's NA
-- as nil.
local stops = rapkit.read_csv(rapkit.data.reference, {
  missing = {"NA"},
  columns = {"date", "la", "Black_stopped", "Black_population", "White_stopped",
             "White_population", "rr", "rr_ci_low", "rr_ci_upp"},
  types = {Black_stopped = "integer", Black_population = "integer", White_stopped = "integer",
           White_population = "integer", rr = "number", rr_ci_low = "number", rr_ci_upp = "number"},
})

local function four(x)
  return x == nil and "NA" or string.format("%.4f", x)
end

local rows, agree, upper_nil, undefined = 0, 0, 0, 0
local flags = {}
for row in stops:rows() do
  rows = rows + 1
  local r = rapkit.stats.rate_ratio(row.Black_stopped, row.Black_population,
                                    row.White_stopped, row.White_population)
  local same = four(r.estimate) == four(row.rr) and four(r.lower) == four(row.rr_ci_low)
               and four(r.upper) == four(row.rr_ci_upp)
  if same then
    agree = agree + 1
  else
    print(string.format("differs: %s %s: file %s (%s to %s), rapkit %s (%s to %s)", row.date, row.la,
                        four(row.rr), four(row.rr_ci_low), four(row.rr_ci_upp),
                        four(r.estimate), four(r.lower), four(r.upper)))
  end
  if r.estimate ~= nil and r.upper == nil then upper_nil = upper_nil + 1 end
  if r.estimate == nil then undefined = undefined + 1 end
  if r.flag then flags[r.flag] = (flags[r.flag] or 0) + 1 end
  if (row.la == "Birmingham" and row.date == 2019) or (row.la == "Hartlepool" and row.date == 2019)
     or (row.la == "Burnley" and row.date == 2021) then
    print(string.format("%s %d: %d/%d vs %d/%d: %s (%s to %s)", row.la, row.date,
                        row.Black_stopped, row.Black_population, row.White_stopped,
                        row.White_population, four(r.estimate), four(r.lower), four(r.upper)))
  end
end
print(string.format("%d rows, %d agree to 4 decimal places", rows, agree))
print(string.format("%d with no upper bound, %d with no ratio", upper_nil, undefined))
local names = {}
for flag in pairs(flags) do names[#names + 1] = flag end
table.sort(names)
for _, flag in ipairs(names) do print(string.format("%4d %s", flags[flag], flag)) end
