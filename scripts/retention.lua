-- retention: joiners and leavers by ethnic group, worker type and gender, the
-- net figure, and the comparison of joiners with leavers phrased correctly.
--
--   local retention = require("retention")
--   local r = retention.run{
--     events = rapkit.load("workforce_events", rapkit.data.events),
--     period = "2024-25",   -- optional: a financial year; without it, every row
--     group = "Black",      -- optional: the group the sentences are about
--   }
--
-- Returns a table:
--   by_group   ethnic_group, joiners, leavers, net (+ flags), then a Total row
--   detail     ethnic_group, worker_type, gender, joiners, leavers, net (+ flags):
--              for each group and worker type an "All" row, then one per gender;
--              every group, worker type and gender of the period is crossed
--              with the others, a pair with no events counting 0
--   used       rows used; excluded: a dataset of reason, rows
--   sentences  rapkit.say strings; notes: what the figures mean
--
-- Rows are events, not people: someone who joined and left in the period is
-- counted once in each column. An empty ethnicity, worker type or gender is
-- "Not recorded", kept apart from "Not stated" (the person declined). Counts
-- below the small-number threshold (rapkit.min_count, else 10) are
-- suppressed with rapkit.disclose: the count is missing, <col>_suppressed is
-- true (show "[c]", never 0), and net is suppressed with either of its counts.

local M = {}

local common = require("metric_common")
local thousands = common.thousands

local NOT_RECORDED = "Not recorded"
local OPTIONS = {events = true, period = true, group = true}

-- Argument errors name the script line that called run() (common.protect).
local fail = common.failer("retention")

local function check_args(a)
  common.check_options("retention", a, OPTIONS, "retention.run{events = ds, ...}")
  common.check_dataset("retention", a.events, "events", "workforce_events",
                       {"event", "worker_type", "gender", "ethnic_group", "financial_year"})
  if a.period ~= nil and (type(a.period) ~= "string" or not a.period:match("^%d%d%d%d%-%d%d$")) then
    fail("period must be a financial year such as \"2024-25\", got " .. tostring(a.period))
  end
  if a.group ~= nil then
    local known = false
    for _, g in ipairs(rapkit.ETHNIC_GROUPS) do known = known or g == a.group end
    if not known then
      fail("group must be one of " .. table.concat(rapkit.ETHNIC_GROUPS, ", ") ..
           ", got " .. tostring(a.group))
    end
  end
end

-- A dataset of keys and joiner/leaver counts, suppressed within `by`, with a
-- net column that is hidden when either of its counts is.
local function publish(keys, names, tally, by, total)
  local cols = {joiners = {}, leavers = {}}
  for _, name in ipairs(names) do cols[name] = {} end
  for _, key in ipairs(keys) do
    for i, name in ipairs(names) do cols[name][#cols[name] + 1] = key[i] end
    local t = tally[table.concat(key, "\0")] or {Joiner = 0, Leaver = 0}
    cols.joiners[#cols.joiners + 1] = t.Joiner
    cols.leavers[#cols.leavers + 1] = t.Leaver
  end
  local all = {table.unpack(names)}
  all[#all + 1] = "joiners"
  all[#all + 1] = "leavers"
  cols.names = all
  local safe = rapkit.disclose(rapkit.dataset(cols),
                               {cols = {"joiners", "leavers"}, by = by, total = total})
  local hidden = safe:mutate("net_suppressed", function(row)
    return row.joiners_suppressed or row.leavers_suppressed
  end)
  return hidden:mutate("net", function(row)
    if row.net_suppressed then return nil end
    return row.joiners - row.leavers
  end)
end

local function run(a)
  check_args(a)
  local say = rapkit.say
  local events, period, group = a.events, a.period, a.group

  -- Accounting: every row is used or excluded for one stated reason.
  local used, excluded = 0, {}
  local tally = {}   -- tally[key] = {Joiner = n, Leaver = n}
  local worker_types, genders = {}, {}   -- the values seen, as sets
  local first, last
  local function add(key)
    local k = table.concat(key, "\0")
    tally[k] = tally[k] or {Joiner = 0, Leaver = 0}
    return tally[k]
  end
  for row in events:rows() do
    if period and row.financial_year ~= period then
      excluded["outside " .. period] = (excluded["outside " .. period] or 0) + 1
    elseif row.event ~= "Joiner" and row.event ~= "Leaver" then
      excluded["event neither Joiner nor Leaver"] =
        (excluded["event neither Joiner nor Leaver"] or 0) + 1
    else
      used = used + 1
      local fy = row.financial_year
      if fy and (not first or fy < first) then first = fy end
      if fy and (not last or fy > last) then last = fy end
      local g = row.ethnic_group or NOT_RECORDED
      local w = row.worker_type or NOT_RECORDED
      local s = row.gender or NOT_RECORDED
      for _, key in ipairs{{g}, {"Total"}, {g, w, "All"}, {g, w, s}} do
        local t = add(key)
        t[row.event] = t[row.event] + 1
      end
      worker_types[w], genders[s] = true, true
    end
  end
  if used == 0 then fail("no joiners or leavers" .. (period and (" in " .. period) or "")) end
  local label = period or (first == last and first) or (tostring(first) .. " to " .. tostring(last))

  -- by_group: the groups in the ONS order, then Not recorded, then the Total.
  local order = {}
  for _, g in ipairs(rapkit.ETHNIC_GROUPS) do order[#order + 1] = g end
  order[#order + 1] = NOT_RECORDED
  local group_keys = {}
  for _, g in ipairs(order) do
    if tally[g] then group_keys[#group_keys + 1] = {g} end
  end
  group_keys[#group_keys + 1] = {"Total"}
  local by_group = publish(group_keys, {"ethnic_group"}, tally, nil, {ethnic_group = "Total"})

  -- detail: per group and worker type, the All row then each gender. Every
  -- group, worker type and gender of the period is crossed with the others:
  -- a combination with no events is a count of 0, not a missing row (a
  -- stacked bar of genders would show it as "[x]", not available).
  local function sorted(set, last)
    local list = {}
    for v in pairs(set) do list[#list + 1] = v end
    table.sort(list, function(x, y)
      if (x == last) ~= (y == last) then return y == last end
      return x < y
    end)
    return list
  end
  local detail_keys = {}
  for _, key in ipairs(group_keys) do
    local g = key[1]
    if g ~= "Total" then
      for _, w in ipairs(sorted(worker_types, NOT_RECORDED)) do
        detail_keys[#detail_keys + 1] = {g, w, "All"}
        for _, s in ipairs(sorted(genders, NOT_RECORDED)) do
          detail_keys[#detail_keys + 1] = {g, w, s}
        end
      end
    end
  end
  local detail = publish(detail_keys, {"ethnic_group", "worker_type", "gender"}, tally,
                         {"ethnic_group", "worker_type"}, {gender = "All"})

  -- Sentences: joiners against leavers for the group (or everyone), then for
  -- each worker type; only from counts that are published.
  local sentences = {}
  local who = group and (group .. " ") or ""
  local function compare(row, noun)
    if row.joiners_suppressed or row.leavers_suppressed then return end
    if row.joiners == 0 and row.leavers == 0 then return end
    sentences[#sentences + 1] = ("%s, %s: %s"):format(noun, label,
      say.compare(row.leavers, row.joiners, who .. "leavers", who .. "joiners"))
  end
  local target = group or "Total"
  for row in by_group:filter{ethnic_group = target}:rows() do
    compare(row, "Officers and staff")
    if not row.net_suppressed then
      local n = row.net
      local net = n > 0 and ("a net gain of " .. thousands(n))
        or n < 0 and ("a net loss of " .. thousands(-n)) or "no net change"
      sentences[#sentences + 1] = ("%s: %s %sofficers and staff joined and %s left, %s"):format(
        label, thousands(row.joiners), who, thousands(row.leavers), net)
    end
  end
  if group then
    for row in detail:filter{ethnic_group = group, gender = "All"}:rows() do
      local nouns = {["Police Officer"] = "Police officers", ["Police Staff"] = "Police staff"}
      compare(row, nouns[row.worker_type] or row.worker_type)
    end
  end

  local reasons = {}
  for r in pairs(excluded) do reasons[#reasons + 1] = r end
  table.sort(reasons)
  local counts = {}
  for i, r in ipairs(reasons) do counts[i] = excluded[r] end

  local cols = {"joiners", "joiners_suppressed", "leavers", "leavers_suppressed", "net",
                "net_suppressed"}
  return {
    by_group = by_group:select("ethnic_group", table.unpack(cols)),
    detail = detail:select("ethnic_group", "worker_type", "gender", table.unpack(cols)),
    used = used,
    excluded = common.excluded(reasons, counts),
    sentences = sentences,
    notes = {
      "Joiners and leavers, " .. label .. ": rows are events, not people.",
      "Not stated = the person declined to state; Not recorded = the field is empty.",
      "Net = joiners - leavers; suppressed when either count is.",
    },
  }
end

M.run = common.protect(run)

return M
