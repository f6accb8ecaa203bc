-- Real files load under their kinds with the expected rows and mapped values.
-- Every expected figure was computed independently (Python's csv module, or
-- the published figures in shared/data/real/REFERENCE.md).
local function counts(ds, ...)
  for row in ds:count(...):rows() do
    local cells = {}
    for i, name in ipairs({...}) do cells[i] = tostring(row[name]) end
    cells[#cells + 1] = row.n
    print("  " .. table.concat(cells, " | "))
  end
end

local jan, problems = rapkit.load("stop_search", {
  rapkit.data.city_of_london, rapkit.data.essex, rapkit.data.merseyside, rapkit.data.south_yorkshire,
})
print("stop_search, January 2020, 4 forces:", jan:nrow(), "rows,", problems:nrow(), "problems")
counts(jan, "ethnic_group")
counts(jan, "source_file")
print("person searches:", jan:filter{person_search = true}:nrow())
print("no further action:", jan:filter{nfa = true}:nrow())
print("months:", jan:count("month"):get(1, "month"), jan:count("quarter"):get(1, "quarter"),
      jan:count("financial_year"):get(1, "financial_year"))

local old = rapkit.load("stop_search", rapkit.data.wm_2016)
local new = rapkit.load("stop_search", rapkit.data.wm_2019)
print("West Midlands November 2016 (2001 labels):")
counts(old, "ethnic_group")
counts(old, "outcome", "nfa")
print("West Midlands January 2019 (2011 labels):")
counts(new, "ethnic_group")

local officers = rapkit.load("workforce", rapkit.data.officers)
print("workforce:", officers:nrow(), "rows;", officers:filter{headcount = rapkit.MISSING}:nrow(), "not available")
local wm = officers:filter{force_name = "West Midlands", year = 2006}
for row in wm:group_by("ethnic_group"):agg{headcount = {"sum", "headcount"}}:rows() do
  print("  " .. row.ethnic_group .. " | " .. row.headcount)
end

local pfa = rapkit.load("population", rapkit.data.force_2011):filter{area = "West Midlands"}
print("West Midlands police force area, Census 2011:")
counts(pfa:rename("population", "value"):mutate("label", function(r) return r.ethnic_group .. " " .. r.value end), "label")

-- The West Midlands figures rapkit ships equal the ONS table's.
local shipped = rapkit.load("population", "builtin:census-2011-west-midlands")
local same = shipped:nrow() == 5
for row in shipped:join(pfa:select("ethnic_group", "population"):rename{population = "from_file"}, "ethnic_group"):rows() do
  same = same and row.population == row.from_file
end
print("shipped West Midlands 2011 figures match the ONS table:", same)

local chiefs = rapkit.load("workforce", rapkit.data.chiefs)
print("chief officers:", chiefs:nrow(), "rows; genders:", chiefs:distinct("gender"):nrow())

-- Police-defined groups: Chinese is counted within Asian.
local defined = rapkit.load("population", rapkit.data.police_defined):filter{area = "West Midlands", ethnic_group = "Asian"}
print("police-defined West Midlands Asian (with Chinese):", defined:get(1, "population"))

-- Census 2021 by local authority: the seven West Midlands councils.
local councils = rapkit.load("population", rapkit.data.lad_2021)
  :filter{area = {"Birmingham", "Coventry", "Dudley", "Sandwell", "Solihull", "Walsall", "Wolverhampton"}}
local all = councils:group_by():agg{total = {"sum", "population"}}
local white = councils:filter{ethnic_group = "White"}:group_by():agg{total = {"sum", "population"}}
print("seven West Midlands councils, 2021:", councils:distinct("area"):nrow(), all:get(1, "total"), white:get(1, "total"))

-- nomis TS021: 19 detailed categories summed to the five groups.
for row in rapkit.load("population", rapkit.data.nomis):rows() do
  print("  " .. row.area .. " | " .. row.area_code .. " | " .. row.census_year .. " | " .. row.ethnic_group .. " | " .. row.population)
end
