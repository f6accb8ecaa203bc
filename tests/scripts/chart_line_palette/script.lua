-- Line charts take the palette option: focus draws one line in colour and
-- the rest in grey, sequential shades them in order; misuse is refused.
local monthly = rapkit.read_csv("monthly.csv")
print(pcall(rapkit.chart.line, {data = monthly, x = "month", y = "searches", title = "T", focus = "Black"}))
print(pcall(rapkit.chart.line, {data = monthly, x = "month", y = "searches", title = "T", palette = "sequential"}))
print(pcall(rapkit.chart.line, {data = monthly, x = "month", y = "searches", group = "group", title = "T",
  palette = "focus"}))
local unknown = rapkit.chart.line{data = monthly, x = "month", y = "searches", group = "group", title = "T",
  focus = "Chinese"}
print(pcall(unknown.save, unknown, "unknown.png"))
rapkit.chart.line{data = monthly, x = "month", y = "searches", group = "group", title = "T",
  focus = "Black"}:save("focus.png")
rapkit.chart.line{data = monthly, x = "month", y = "searches", group = "group", title = "T",
  palette = "sequential"}:save("sequential.png")
