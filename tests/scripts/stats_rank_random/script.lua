-- Rank agreement and seeded draws from Lua; period labels to their days.
local rho = rapkit.stats.spearman({1, 2, 3, 4, 5}, {5, 6, 7, 8, 7})
local tau = rapkit.stats.kendall({1, 2, 3, 4, 5}, {5, 6, 7, 8, 7})
print(string.format("%.12f %d %s", rho.estimate, rho.n, rho.method))
print(string.format("%.12f %s", tau.estimate, tau.method))
local tied = rapkit.stats.spearman({1, 2, 3}, {4, 4, 4})
print(tied.estimate, tied.flag)
print(pcall(rapkit.stats.kendall, {1, 2}, {1, 2, 3}))
print(pcall(rapkit.stats.spearman, {1, nil, 3}, {1, 2, 3}))
print(pcall(rapkit.stats.spearman, {1}, {1}))

-- The same seed gives the same draws: SplitMix64, whatever the build.
local a, b = rapkit.stats.random(42), rapkit.stats.random(42)
print(string.format("%.17g %.17g", a:uniform(), a:uniform()))
print(string.format("%.17g", b:uniform()), b:uniform(10, 20) >= 10)
print(getmetatable(a))
print(pcall(rapkit.stats.random, 1.5))

for _, label in ipairs({"2025-26 Q2", "2025-26 Q4", "2025-26", "2025-09", "2024", "year ending March 2026",
                        "2025-02-28"}) do
  print(label, rapkit.period.bounds(label))
end
print(pcall(rapkit.period.bounds, "2025-27"))

-- A value that is not a finite number is named by its item, from 1.
print(pcall(rapkit.stats.spearman, {1, 0/0, 3}, {1, 2, 3}))
print(pcall(rapkit.stats.kendall, {1, 2, 3}, {1, 2, math.huge}))
