-- find_rate: the share of searches with an outcome other than no further
-- action (an arrest, a warning, a community resolution...), by self-defined
-- ethnic group, with Wilson intervals.
--
--   local find_rate = require("find_rate")
--   local result = find_rate.run{
--     searches  = searches,            -- a stop_search dataset (rapkit.load)
--     by        = {"financial_year"}, -- optional: columns to split by (a force column...)
--     min_count = 10,                  -- optional: default rapkit.min_count, else 10
--   }
--
-- The method, and why:
-- * Person searches only, as the disproportionality module counts them, so
--   that the two tables describe the same searches; "Not stated" is a row of
--   its own here (its outcomes are known, only its group is not).
-- * A search whose Outcome is empty has no known result: it is left out and
--   counted, never read as "no further action".
-- * Small numbers: searches and found counts below min_count are suppressed
--   with rapkit.disclose (each with secondary suppression); a share resting
--   on a suppressed count is withheld (missing, never 0) and `flag` says why.
--
-- Returns a table:
--   rates     dataset: the `by` columns, ethnic_group, searches, found, share,
--             lower, upper, flag, searches_suppressed, found_suppressed,
--             share_suppressed, lower_suppressed, upper_suppressed;
--             share is a fraction (0.25), groups in rapkit.ETHNIC_GROUPS order.
--             The share's flags are true where it was withheld ([c]); a
--             group with no searches has no share (missing, flags false: [x])
--   unstated_bounds
--             dataset: the `by` columns, ethnic_group (the five Census
--             groups), unstated, share, share_lowest, share_highest, withheld
--             (below)
--   used      number of rows used
--   excluded  dataset: reason, rows ("vehicle only", "ethnicity missing",
--             "outcome missing", "search type missing"; 0 included)
--   notes     list of strings for a footnote
--   min_count the threshold used
--
-- Bounds for the unstated rows. A person search whose ethnicity is Not stated
-- or missing still has its outcome recorded: what is unknown is only which
-- group it belongs to. If some of those searches were in a group, that
-- group's find rate k / n would change; over every possible allocation it
-- is lowest when all the unstated searches with no further action, and none
-- of the unstated ones with a find, are in the group: k / (n + u_nfa); and
-- highest in the reverse case: (k + u_found) / (n + u_found). These are the
-- bounds reported (share_lowest, share_highest, beside share = k / n), and
-- they are the tightest that hold: each unstated search's outcome is known,
-- so treating it as unknown ("all found" or "none found", k / (n + u) and
-- (k + u) / (n + u)) would give wider bounds than any real allocation can
-- reach. `unstated` counts the person searches of the cell with ethnicity
-- Not stated or missing and an outcome recorded (u = u_nfa + u_found); one
-- with no outcome either would be left out whatever its group, so it is in
-- no bound. The bounds are withheld (missing, withheld = true) where the
-- group's searches or found count is suppressed, or where u_nfa or u_found
-- is from 1 to min_count - 1 (the bounds and the shown counts would give it
-- back); a group with no stated searches has no bounds (missing, not
-- withheld: any allocation could give it any rate or none).

local find_rate = {}

local common = require("metric_common")
local cell_key = common.cell_key

local MISSING = rapkit.MISSING

function find_rate.run(opts)
  for k in pairs(opts) do
    if k ~= "searches" and k ~= "by" and k ~= "min_count" then
      error("find_rate: unknown option '" .. tostring(k) .. "' (options: searches, by, min_count)", 2)
    end
  end
  if opts.searches == nil then error("find_rate: searches is required", 2) end
  if getmetatable(opts.searches) ~= "rapkit.Dataset" then
    error("find_rate: searches must be a dataset from rapkit.load(\"stop_search\", ...), got a "
          .. type(opts.searches), 2)
  end
  for _, col in ipairs{"person_search", "ethnic_group", "nfa"} do
    if not common.has_column(opts.searches, col) then
      error(("find_rate: searches is not a stop_search dataset (no column '%s'): load it with "
             .. "rapkit.load(\"stop_search\", ...)"):format(col), 2)
    end
  end
  local searches = opts.searches
  local keys = opts.by or {}
  local min_count = opts.min_count or rapkit.min_count or 10

  -- C counts; Lua walks the small table of counts.
  local counts = searches:count("person_search", "ethnic_group", "nfa", table.unpack(keys))
  local reasons = {"vehicle only", "ethnicity missing", "outcome missing", "search type missing"}
  local excluded = {}
  for _, r in ipairs(reasons) do excluded[r] = 0 end
  local cells_seen, n_by, found_by, used = {}, {}, {}, 0
  local u_nfa, u_found, total_unstated = {}, {}, 0   -- per cell key
  for row in counts:rows() do
    local reason
    if row.person_search == nil then reason = "search type missing"
    elseif row.person_search == false then reason = "vehicle only"
    elseif row.ethnic_group == nil then reason = "ethnicity missing"
    elseif row.nfa == nil then reason = "outcome missing"
    end
    -- Person searches with no stated ethnicity but a recorded outcome feed the
    -- bounds, whether they are a row of their own (Not stated) or excluded.
    if row.person_search == true and row.nfa ~= nil
        and (row.ethnic_group == nil or row.ethnic_group == "Not stated") then
      local key = cell_key(row, keys)
      local t = row.nfa and u_nfa or u_found
      t[key] = (t[key] or 0) + row.n
      total_unstated = total_unstated + row.n
    end
    if reason then
      excluded[reason] = excluded[reason] + row.n
    else
      local key = cell_key(row, keys)
      cells_seen[key] = true
      local gk = key .. "\1" .. row.ethnic_group
      n_by[gk] = (n_by[gk] or 0) + row.n
      if row.nfa == false then found_by[gk] = (found_by[gk] or 0) + row.n end
      used = used + row.n
    end
  end

  local cells = {}
  if #keys > 0 then
    for row in searches:distinct(table.unpack(keys)):rows() do
      if cells_seen[cell_key(row, keys)] then cells[#cells + 1] = row end
    end
  elseif cells_seen[""] then
    cells[1] = {}
  end

  local plain = {ethnic_group = {}, searches = {}, found = {}}
  for _, col in ipairs(keys) do plain[col] = {} end
  for _, cell in ipairs(cells) do
    local key = cell_key(cell, keys)
    for _, g in ipairs(rapkit.ETHNIC_GROUPS) do
      for _, col in ipairs(keys) do table.insert(plain[col], cell[col]) end
      table.insert(plain.ethnic_group, g)
      table.insert(plain.searches, n_by[key .. "\1" .. g] or 0)
      table.insert(plain.found, found_by[key .. "\1" .. g] or 0)
    end
  end
  local names = {table.unpack(keys)}
  for _, c in ipairs{"ethnic_group", "searches", "found"} do names[#names + 1] = c end
  plain.names = names
  local disclose_opts = {cols = {"searches", "found"}, min = min_count}
  if #keys > 0 then disclose_opts.by = keys end
  local safe = rapkit.disclose(rapkit.dataset(plain), disclose_opts)

  local out = {share = {}, lower = {}, upper = {}, flag = {}, withheld = {}}
  for row in safe:rows() do
    local share, flag
    -- A suppressed count is never 0, so a withheld share always had
    -- searches to rest on: it is withheld ([c]), not absent ([x]).
    local hidden = row.searches_suppressed or row.found_suppressed or false
    table.insert(out.withheld, hidden)
    if hidden then
      flag = "suppressed: a count below " .. min_count .. ", or one protecting it"
    elseif row.searches == 0 then
      flag = "no searches"
    else
      share = rapkit.stats.proportion(row.found, row.searches)
    end
    table.insert(out.share, share and share.estimate or MISSING)
    table.insert(out.lower, share and share.lower or MISSING)
    table.insert(out.upper, share and share.upper or MISSING)
    table.insert(out.flag, flag or MISSING)
  end
  -- The counts and their flags as disclose left them, then the shares.
  local cols = {table.unpack(keys)}
  for _, c in ipairs{"ethnic_group", "searches", "found"} do cols[#cols + 1] = c end
  local base = safe:to_table()
  local final = {}
  for _, c in ipairs(cols) do final[c] = {} end
  final.searches_suppressed, final.found_suppressed = {}, {}
  for _, row in ipairs(base) do
    for _, c in ipairs(cols) do table.insert(final[c], row[c] == nil and MISSING or row[c]) end
    table.insert(final.searches_suppressed, row.searches_suppressed)
    table.insert(final.found_suppressed, row.found_suppressed)
  end
  for _, c in ipairs{"share", "lower", "upper", "flag"} do final[c] = out[c] end
  for _, c in ipairs{"share", "lower", "upper"} do final[c .. "_suppressed"] = out.withheld end
  for _, c in ipairs{"share", "lower", "upper", "flag", "searches_suppressed",
                     "found_suppressed", "share_suppressed", "lower_suppressed",
                     "upper_suppressed"} do cols[#cols + 1] = c end
  final.names = cols

  -- The bounds, for the five Census groups of each cell (rows of `base` are
  -- the cells in order, each with every group of rapkit.ETHNIC_GROUPS).
  local bounds = {ethnic_group = {}, unstated = {}, share = {}, share_lowest = {},
                  share_highest = {}, withheld = {}}
  for _, c in ipairs(keys) do bounds[c] = {} end
  local function put(col, v) table.insert(bounds[col], v == nil and MISSING or v) end
  for _, row in ipairs(base) do
    if row.ethnic_group ~= "Not stated" then
      local key = cell_key(row, keys)
      local u0, u1 = u_nfa[key] or 0, u_found[key] or 0
      local hidden = row.searches_suppressed or row.found_suppressed
      local withheld = hidden or (u0 > 0 and u0 < min_count) or (u1 > 0 and u1 < min_count)
      local k, n = row.found, row.searches
      local shown = not withheld and n > 0
      for _, c in ipairs(keys) do put(c, row[c]) end
      put("ethnic_group", row.ethnic_group)
      put("unstated", u0 + u1)
      put("share", (not hidden and n > 0) and k / n or nil)   -- as in rates
      put("share_lowest", shown and k / (n + u0) or nil)
      put("share_highest", shown and (k + u1) / (n + u1) or nil)
      put("withheld", withheld and true or false)
    end
  end
  local bnames = {table.unpack(keys)}
  for _, c in ipairs{"ethnic_group", "unstated", "share", "share_lowest", "share_highest",
                     "withheld"} do bnames[#bnames + 1] = c end
  bounds.names = bnames

  local rows = {}
  for j, r in ipairs(reasons) do rows[j] = excluded[r] end
  local notes = {
    "person searches only; found = an outcome other than no further action " ..
    "(arrest, warning, community resolution, summons, caution, penalty notice)",
    "shares with 95% Wilson confidence intervals; searches with no outcome recorded " ..
    "and with ethnicity missing are excluded",
  }
  if total_unstated > 0 then
    notes[#notes + 1] = total_unstated .. " person searches with an outcome recorded had " ..
      "ethnicity not stated or missing; unstated_bounds shows each group's find rate " ..
      "at its lowest (all of them with no further action in the group, none with a " ..
      "find) and highest (the reverse)"
  end
  notes[#notes + 1] = "counts below " .. min_count ..
    " are suppressed ([c]), with secondary suppression"
  return {
    rates = rapkit.dataset(final),
    unstated_bounds = rapkit.dataset(bounds),
    used = used,
    excluded = common.excluded(reasons, rows),
    notes = notes,
    min_count = min_count,
  }
end

return find_rate
