-- rapkit.stats.spc: an XmR chart of a monthly section 136 series with the
-- Right Care Right Person go-live as a step, and a missing month. The six
-- months rising from 2023-12 to 2024-05 (188 up to 231) are a trend.
local months = rapkit.period.months("2023-04", "2024-09")
local detentions = {214, 220, 205, 230, 210, 199, 215, 190, 188, 195, 216, 226, 228, 231,
                    180, nil, 176, 190}
local chart = rapkit.stats.spc(detentions, {labels = months, step_at = "2024-06"})
local function num(x) return x == nil and "-" or string.format("%.2f", x) end
for _, p in ipairs(chart.points) do
  local signals = {}
  if p.beyond_limits then signals[#signals + 1] = "beyond" end
  if p.shift then signals[#signals + 1] = "shift" end
  if p.trend then signals[#signals + 1] = "trend" end
  print(string.format("%2d %s %s %s %s %s seg %d %s %s", p.index, p.label, num(p.value),
                      num(p.centre), num(p.lower), num(p.upper), p.segment,
                      tostring(p.signal), table.concat(signals, ",")))
end
for i, s in ipairs(chart.segments) do
  print(string.format("segment %d: %s to %s (%d to %d), %d values, %d missing, %d moving ranges, "
                      .. "centre %s, mean moving range %s, limits %s to %s, flag %s",
                      i, s.from_label, s.to_label, s.from, s.to, s.n, s.missing, s.moving_ranges,
                      num(s.centre), num(s.mean_moving_range), num(s.lower), num(s.upper),
                      tostring(s.flag)))
end
print(chart.method)

-- Without labels, the step is a point number; a list gives several steps;
-- a segment of one value has a centre but no limits.
local short = rapkit.stats.spc({5, 6, 5, 7, 6, 20, 21}, {step_at = {4, 7}})
for i, s in ipairs(short.segments) do
  print(i, s.from, s.to, s.from_label, num(s.centre), num(s.lower), num(s.upper), s.flag)
end
-- Six values rising in a row is a trend.
local rising = rapkit.stats.spc({3, 1, 2, 3, 4, 5, 6, 2})
local marks = {}
for _, p in ipairs(rising.points) do marks[#marks + 1] = p.trend and "T" or "." end
print(table.concat(marks))
-- NaN is a gap, as in a dataset.
print(rapkit.stats.spc({1, 0/0, 3}).points[2].value, rapkit.stats.spc({1, 0/0, 3}).segments[1].n)
