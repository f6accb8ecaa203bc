local months = rapkit.read_csv("months.csv")
local function show(ds)
  for row in ds:rows() do
    local cells = {}
    for i, name in ipairs(ds:names()) do cells[i] = tostring(row[name]) end
    print(table.concat(cells, " "))
  end
end
-- rolling 12 months within each force, in month order: the first full
-- window ends in March 2024 (April to March: 100 + 110 + ... + 210 = 1860)
local rolling = months:sort("month"):sort("force"):rolling("searches", 12, "force")
show(rolling:filter{force = "Essex"}:select("month", "searches_rolling12"))
print(math.type(rolling:get(12, "searches_rolling12")))
-- a missing month is not a zero month: windows that hold it are missing
print(months:filter{force = "Kent"}:rolling("searches", 2))
-- numbers give numbers
local rates = rapkit.dataset{rate = {0.1, 0.2, 0.3}}
print(rates:rolling("rate", 3):get(3, "rate_rolling3"))
local function try(f)
  local ok, message = pcall(f)
  print(ok, message)
end
try(function() return months:rolling("serches", 3) end)
try(function() return months:rolling("month", 3) end)
try(function() return months:rolling("searches", -1) end)
try(function() return months:rolling("searches", {}) end)
try(function() return months:rolling("searches", 3, true) end)
