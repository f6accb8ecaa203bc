local searches = rapkit.dataset{
  names = {"force", "month", "searches"},
  force = {"Essex", "Essex", "Merseyside", "Essex"},
  month = {"2024-04", "2024-05", "2024-04", "2024-04"},
  searches = {10, 12, 30, 11},
}
print(searches:nrow())
local wide = searches:pivot("force", "month", "searches")
print("not reached")
