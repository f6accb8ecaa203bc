-- Regression (2025-03): chart.interval refused reference = false, the
-- documented way to draw no reference line, reading the value after popping it.
local shares = rapkit.dataset{group = {"A", "B"}, share = {4.1, 2.0}, lower = {1.8, 1.8}, upper = {9.3, 2.3},
                              names = {"group", "share", "lower", "upper"}}
rapkit.chart.interval{data = shares, x = "group", estimate = "share", lower = "lower", upper = "upper",
                      reference = false, title = "No reference line"}:save("shares.svg")
-- Anything else but a number is still refused.
print(pcall(rapkit.chart.interval, {data = shares, x = "group", estimate = "share", lower = "lower",
                                    upper = "upper", reference = true, title = "t"}))
