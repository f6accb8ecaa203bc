local P = rapkit.period
for _, d in ipairs{"2025-03-31", "2025-04-01", "31/03/2025", "01/04/2025", "2024-12-31", "2025-01-01",
                   "2025-03-31T23:30:00+00:00", "2025-04-01T00:30:00+01:00", "2024-06-30T23:59:59-05:00", "2024-07"} do
  print(d, P.month(d), P.quarter(d), P.financial_year(d), P.year(d), P.year_ending_march(d))
end
print(P.rolling_12("2025-03"))
print(P.rolling_12("2024-12-15"))
print(table.concat(P.months("2024-11", "2025-02"), ","))
print(#P.months("2024-04-01", "2025-03-31"))
print(pcall(P.quarter, "April 2024"))
print(pcall(P.months, "2025-02", "2024-11"))
