-- rcrp: section 136 detentions before and after Right Care, Right Person
-- (RCRP) went live: the monthly series with control limits, the share of
-- detentions not ending in sectioning, and the appropriate-attendance rate
-- from the dip samples.
--
--   local rcrp = require("rcrp")
--   local r = rcrp.run{
--     s136 = rapkit.load("s136", rapkit.data.s136),  -- the monthly series layout
--     go_live = "2024-02",                           -- the first month under RCRP
--   }
--
-- Returns a table:
--   series        month, phase, detentions, centre, lower, upper, signal: an XmR
--                 chart (rapkit.stats.spc) with limits recalculated from go-live
--   before_after  phase, months, from, to, mean: the monthly mean either side
--   sectioning    month, detentions, not_sectioned (+ flags), share, lower,
--                 upper, share_suppressed, lower_suppressed, upper_suppressed
--   attendance    month, checked, appropriate (+ flags), rate, lower, upper,
--                 rate_suppressed, lower_suppressed, upper_suppressed
--                 (dip-sample months only)
--   used          months in the file; excluded: a dataset of reason, rows
--   sentences     rapkit.say strings; notes: what the figures mean
--
-- A month absent from the file is a gap in the series, never a month of zero
-- detentions. Intervals are 95% Wilson intervals. Counts below the
-- small-number threshold (rapkit.min_count, else 10) are suppressed with
-- rapkit.disclose: missing, <col>_suppressed true (show "[c]", never 0), and
-- the share or rate they would give is withheld too, with its interval
-- (missing, its own <col>_suppressed flag true).

local M = {}

local common = require("metric_common")
local has_column = common.has_column

local OPTIONS = {s136 = true, go_live = true}
local MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"}

-- Argument errors name the script line that called run() (common.protect).
local fail = common.failer("rcrp")

local function check_args(a)
  common.check_options("rcrp", a, OPTIONS, "rcrp.run{s136 = ds, go_live = \"2024-02\"}")
  local ds = a.s136
  common.check_dataset("rcrp", ds, "s136", "s136")
  if has_column(ds, "outcome") and not has_column(ds, "detentions") then
    fail("s136 holds one row per detention: rcrp.run needs the monthly series layout")
  end
  common.check_columns("rcrp", ds, "s136", "s136", {"month", "detentions", "sectioned"},
                       "an s136 monthly series")
  if a.go_live == nil then
    fail("go_live is missing: give the first month under RCRP, as go_live = \"2024-02\"")
  end
  if type(a.go_live) ~= "string" or not a.go_live:match("^%d%d%d%d%-%d%d$") then
    fail("go_live must be a month such as \"2024-02\", got " .. tostring(a.go_live))
  end
end

-- "2024-02" -> "February 2024"
local function month_name(m)
  local y, mm = m:match("^(%d+)%-(%d+)$")
  return MONTHS[tonumber(mm)] .. " " .. y
end

-- "April 2022 to January 2024", or "February to May 2024" within one year.
local function span(from, to)
  if from == to then return month_name(from) end
  if from:sub(1, 4) == to:sub(1, 4) then
    return MONTHS[tonumber(from:sub(6, 7))] .. " to " .. month_name(to)
  end
  return month_name(from) .. " to " .. month_name(to)
end

-- A share as a percentage to 1 place, rounded as every rapkit phrase is.
local function pct(x)
  return rapkit.say.number(x * 100, 1) .. "%"
end

-- Adds share, lower and upper for k of n, missing where either is
-- suppressed, and a <col>_suppressed flag for each: the rows reaching here
-- have n > 0, so a missing share was withheld ([c]), not absent.
local function with_interval(ds, k, n, share)
  local stats = rapkit.stats
  local function part(field)
    return function(row)
      if row[k] == nil or row[n] == nil or row[n] == 0 then return nil end
      return stats.proportion(row[k], row[n])[field]
    end
  end
  local function withheld(row)
    return row[k .. "_suppressed"] or row[n .. "_suppressed"] or false
  end
  return ds:mutate(share, part("estimate")):mutate("lower", part("lower"))
           :mutate("upper", part("upper")):mutate(share .. "_suppressed", withheld)
           :mutate("lower_suppressed", withheld):mutate("upper_suppressed", withheld)
end

local function run(a)
  check_args(a)
  local stats, say = rapkit.stats, rapkit.say
  local ds = a.s136:sort("month")
  local go_live = a.go_live
  local first, last = ds:get(1, "month"), ds:get(ds:nrow(), "month")
  if go_live <= first or go_live > last then
    fail("go_live " .. go_live .. " must be after the first month of the series and "
         .. "within it (" .. first .. " to " .. last .. ")")
  end

  -- The series over every month from the first to the last: a month with no
  -- row is nil (a gap), so the chart and the means skip it.
  local months = rapkit.period.months(first, last)
  local by_month = {}
  for row in ds:rows() do by_month[row.month] = row end
  local values, gaps = {}, 0
  for i, m in ipairs(months) do
    values[i] = by_month[m] and by_month[m].detentions
    if values[i] == nil then gaps = gaps + 1 end
  end
  local spc = stats.spc(values, {labels = months, step_at = go_live})

  local s = {month = {}, phase = {}, detentions = {}, centre = {}, lower = {}, upper = {},
             signal = {}}
  for i, p in ipairs(spc.points) do
    local M_ = rapkit.MISSING
    s.month[i] = p.label
    s.phase[i] = p.label < go_live and "before" or "after"
    s.detentions[i] = p.value and (math.tointeger(p.value) or p.value) or M_
    s.centre[i] = p.centre or M_
    s.lower[i] = p.lower or M_
    s.upper[i] = p.upper or M_
    s.signal[i] = p.signal or false
  end
  s.names = {"month", "phase", "detentions", "centre", "lower", "upper", "signal"}
  -- Each month stands alone (by = month): there is no total to protect.
  local series = rapkit.disclose(rapkit.dataset(s), {cols = {"detentions"}, by = {"month"}})

  local seg = {phase = {}, months = {}, from = {}, to = {}, mean = {}}
  for i, g in ipairs(spc.segments) do
    seg.phase[i] = i == 1 and "before" or "after"
    seg.months[i] = g.n
    seg.from[i] = g.from_label
    seg.to[i] = g.to_label
    seg.mean[i] = g.centre or rapkit.MISSING   -- the centre line is the mean
  end
  seg.names = {"phase", "months", "from", "to", "mean"}
  local before_after = rapkit.dataset(seg)

  -- Sectioning and attendance: months that recorded them; the rest excluded.
  local excluded, reasons = {}, {}
  local function exclude(reason, n)
    if n > 0 then
      reasons[#reasons + 1] = reason
      excluded[#excluded + 1] = n
    end
  end
  -- A share needs both counts and a month with at least one detention (or
  -- one call log checked): 0 of 0 is not a share.
  local recorded = ds:filter(function(row)
      return row.sectioned ~= nil and row.detentions ~= nil and row.detentions > 0
    end)
    :mutate("not_sectioned", function(row) return row.detentions - row.sectioned end)
    :select("month", "detentions", "not_sectioned")
  local dips = ds:filter(function(row)
    return row.dip_sample_checked ~= nil and row.dip_sample_appropriate ~= nil and row.dip_sample_checked > 0
  end)
  local with_sectioned = ds:filter(function(row) return row.sectioned ~= nil end):nrow()
  local with_dips = ds:filter(function(row) return row.dip_sample_checked ~= nil end):nrow()
  exclude("month absent from the series (a gap, not zero)", gaps)
  exclude("not sectioned: sectioned not recorded", ds:nrow() - with_sectioned)
  exclude("not sectioned: no detentions in the month", with_sectioned - recorded:nrow())
  exclude("attendance: no dip sample", ds:nrow() - with_dips)
  exclude("attendance: dip sample incomplete (one count missing, or none checked)", with_dips - dips:nrow())

  local sectioning = with_interval(
    rapkit.disclose(recorded, {cols = {"detentions", "not_sectioned"}, by = {"month"}}),
    "not_sectioned", "detentions", "share")
  local attendance
  if has_column(ds, "dip_sample_checked") then
    attendance = with_interval(rapkit.disclose(
        dips:select("month", "dip_sample_checked", "dip_sample_appropriate")
            :rename{dip_sample_checked = "checked", dip_sample_appropriate = "appropriate"},
        {cols = {"checked", "appropriate"}, by = {"month"}}),
      "appropriate", "checked", "rate")
  end

  -- Sentences.
  local sentences = {}
  local b, f = spc.segments[1], spc.segments[2]
  if b.centre and f.centre then
    local whole = math.tointeger(b.centre) and math.tointeger(f.centre)
    local old = whole and math.tointeger(b.centre) or b.centre
    local new = whole and math.tointeger(f.centre) or f.centre
    sentences[#sentences + 1] = ("Section 136 detentions a month %s (the mean of the %d "
      .. "months before RCRP go-live, %s, against the %d months after, %s)"):format(
      say.change(old, new, {kind = whole and "count" or "number"}),
      b.n, span(b.from_label, b.to_label), f.n, span(f.from_label, f.to_label))
  end
  -- Totals and ranges are read from the published table, leaving out months
  -- withheld there ([c]): a total over every month would reveal them.
  local k, n, lo, hi, first_m, last_m = 0, 0, nil, nil, nil, nil
  for row in sectioning:rows() do
    if row.share ~= nil then
      k, n = k + row.not_sectioned, n + row.detentions
      first_m, last_m = first_m or row.month, row.month
      if not lo or row.share < lo.share then lo = {share = row.share, month = row.month} end
      if not hi or row.share > hi.share then hi = {share = row.share, month = row.month} end
    end
  end
  if n > 0 and lo then
    sentences[#sentences + 1] = ("Not ending in sectioning, %s: %s"):format(
      span(first_m, last_m),
      say.proportion(k, n, "section 136 detentions", {interval = stats.proportion(k, n)}))
    sentences[#sentences + 1] = ("Not ending in sectioning, each month: from %s (%s) to %s (%s)")
      :format(pct(lo.share), month_name(lo.month), pct(hi.share), month_name(hi.month))
  end
  if attendance and attendance:nrow() > 0 then
    local ck, cn, rlo, rhi, afirst, alast = 0, 0, nil, nil, nil, nil
    for row in attendance:rows() do   -- the published table: withheld months stay withheld
      local r = row.rate
      if r ~= nil then
        ck, cn = ck + row.appropriate, cn + row.checked
        afirst, alast = afirst or row.month, row.month
        rlo = (rlo and rlo < r) and rlo or r
        rhi = (rhi and rhi > r) and rhi or r
      end
    end
    if cn > 0 then -- every month may be withheld
      sentences[#sentences + 1] = ("Appropriate attendance decisions, %s: %s"):format(span(afirst, alast),
        say.proportion(ck, cn, "dip-sampled call logs", {interval = stats.proportion(ck, cn)}))
      sentences[#sentences + 1] = ("Appropriate attendance decisions, each month: from %s to %s")
        :format(pct(rlo), pct(rhi))
    end
  end
  -- Months withheld in the published tables are left out of the totals above.
  local function withheld(tbl, field)
    local n = 0
    for row in tbl:rows() do
      if row[field] == nil then n = n + 1 end
    end
    return n
  end
  exclude("not sectioned: withheld in the table (small numbers) and left out of the total",
          withheld(sectioning, "share"))
  if attendance then
    exclude("attendance: withheld in the table (small numbers) and left out of the total",
            withheld(attendance, "rate"))
  end
  local signals = 0
  for _, p in ipairs(spc.points) do
    if p.signal then signals = signals + 1 end
  end
  sentences[#sentences + 1] = ("Control chart: %d of %d months show a signal of special cause "
    .. "(limits recalculated from %s)"):format(signals, #months - gaps, month_name(go_live))

  return {
    series = series,
    before_after = before_after,
    sectioning = sectioning,
    attendance = attendance,
    spc = spc,
    used = ds:nrow(),
    excluded = common.excluded(reasons, excluded),
    sentences = sentences,
    notes = {
      "RCRP go-live is taken as " .. month_name(go_live) .. ": months from it are 'after'.",
      "Control limits: mean +/- 2.66 x mean moving range (XmR), before and after go-live "
        .. "separately; signals after NHS England's Making Data Count.",
      "Appropriate attendance = dip sample appropriate / dip sample checked.",
    },
  }
end

M.run = common.protect(run)

return M
