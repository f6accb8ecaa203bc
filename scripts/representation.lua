-- representation: the share of officers and staff in each ethnic group, and
-- how it changed between two years.
--
--   local representation = require("representation")
--   local r = representation.run{
--     workforce = rapkit.load("workforce", rapkit.data.workforce),
--     force = "West Midlands",     -- optional when the file holds one force
--     from = 2019, to = 2024,      -- optional: the first and last years in the file
--     by = "worker_type",          -- optional: a column to split by (rank_description ...)
--     benchmark = rapkit.load("population", rapkit.data.population),  -- optional
--   }
--
-- Returns a table:
--   shares     year, [by,] ethnic_group, headcount, share, lower, upper,
--              headcount_suppressed, share_suppressed, lower_suppressed,
--              upper_suppressed [, benchmark]: one row per group (Asian,
--              Black, Mixed, Other, White, then "Ethnic minority" = Asian +
--              Black + Mixed + Other)
--   change     [by,] ethnic_group, from_share, to_share, points, relative:
--              the change from `from` to `to`
--   unstated_bounds
--              year, [by,] ethnic_group, unstated, share, share_if_none,
--              share_if_all, withheld: how far each share could move if the
--              Not stated headcount were known (below)
--   used       rows of the file used; excluded: a dataset of reason, rows,
--              headcount; notes: what the figures mean; sentences: rapkit.say
--
-- Definition (as the Home Office and the force's reports use it): a group's
-- share is its headcount over the headcount of people whose ethnicity is
-- stated. "Not stated" is left out of the denominator, and reported in
-- `excluded`. Headcounts below the small-number threshold (rapkit.min_count,
-- else 10) are suppressed with rapkit.disclose: headcount and share are then
-- missing and headcount_suppressed and share_suppressed are true (show "[c]",
-- never 0). A share with no one of stated ethnicity to rest on is missing
-- with its flag false ("[x]", not available).
--
-- Not stated, and the bounds (the rule disproportionality uses): where u
-- people of a year (and `by` value) did not state their ethnicity, a group's
-- true share lies between the share if none of them were in the group,
-- k / (n + u), and the share if all of them were, (k + u) / (n + u); the
-- published share k / n is beside them. unstated_bounds holds u, k / n and
-- the two extremes for every row of `shares`. They are withheld (missing,
-- withheld = true) where the headcount is suppressed, where u is from 1 to
-- min_count - 1 (the bounds would give it back), and where a zero headcount
-- sits in a block with a hidden cell (the bounds would give the total, and
-- so the hidden cell, back, as its interval would). With `by`, a Not stated
-- row whose `by` value is not recorded belongs to no level: it is counted in
-- `excluded` but in no bound.

local M = {}

local common = require("metric_common")
local has_column, thousands = common.has_column, common.thousands

local GROUPS = {"Asian", "Black", "Mixed", "Other", "White"}
local MINORITY = "Ethnic minority"
local OPTIONS = {workforce = true, force = true, from = true, to = true, by = true,
                 benchmark = true}

-- Argument errors name the script line that called run() (common.protect).
local fail = common.failer("representation")

local function check_args(a)
  common.check_options("representation", a, OPTIONS, "representation.run{workforce = ds, ...}")
  local ds = a.workforce
  common.check_dataset("representation", ds, "workforce", "workforce",
                       {"year", "force_name", "area_type", "ethnic_group", "headcount"})
  if a.by ~= nil and (type(a.by) ~= "string" or not has_column(ds, a.by)) then
    fail("by must be a column of the workforce dataset, got " .. tostring(a.by))
  end
  if a.benchmark ~= nil and (getmetatable(a.benchmark) ~= "rapkit.Dataset"
      or not has_column(a.benchmark, "population")
      or not has_column(a.benchmark, "ethnic_group")) then
    fail("benchmark must be a dataset from rapkit.load(\"population\", ...)")
  end
end

-- The benchmark: each group's share of the population of one area.
local function benchmark_shares(pop)
  local total, by_group, areas = 0, {}, {}
  for row in pop:rows() do
    areas[row.area or ""] = true
    by_group[row.ethnic_group] = (by_group[row.ethnic_group] or 0) + row.population
    total = total + row.population
  end
  local n = 0
  for _ in pairs(areas) do n = n + 1 end
  if n ~= 1 then
    fail("benchmark must hold one area (filter it first), it holds " .. n)
  end
  local out = {}
  for _, g in ipairs(GROUPS) do out[g] = (by_group[g] or 0) / total end
  out[MINORITY] = 1 - out.White
  return out
end

local function run(a)
  check_args(a)
  local stats, say = rapkit.stats, rapkit.say
  local ds = a.workforce

  -- Which force: the one named, or the only one in the file. Regions can share
  -- a force's name, so only rows whose geo code is a force's are used.
  local force = a.force
  if force == nil then
    local forces = ds:filter{area_type = "force"}:distinct("force_name")
    if forces:nrow() ~= 1 then
      fail("the file holds " .. forces:nrow() .. " forces: name one with force = \"...\"")
    end
    force = forces:get(1, "force_name")
  end
  local years = ds:distinct("year")
  local from = a.from or years:get(1, "year")
  local to = a.to or years:get(years:nrow(), "year")
  if math.type(from) ~= "integer" or math.type(to) ~= "integer" or from >= to then
    fail("from and to must be two years, the first before the second (got " ..
         tostring(from) .. " and " .. tostring(to) .. ")")
  end

  -- Accounting: every row is used or excluded for one stated reason.
  local reasons, order = {}, {}
  local function exclude(reason, headcount)
    if not reasons[reason] then
      reasons[reason] = {rows = 0}
      order[#order + 1] = reason
    end
    local r = reasons[reason]
    r.rows = r.rows + 1
    if headcount then r.headcount = (r.headcount or 0) + headcount end
  end

  -- cells[year][level][group] = headcount; levels are the values of `by`.
  local cells, levels, seen_level, used = {[from] = {}, [to] = {}}, {}, {}, 0
  local unstated = {[from] = {}, [to] = {}}   -- unstated[year][level] = headcount
  local found = {[from] = false, [to] = false}
  for row in ds:rows() do
    local level = "All"
    if a.by then level = row[a.by] end
    if row.area_type ~= "force" or row.force_name ~= force then
      exclude("not " .. force .. " (another force or area)", row.headcount)
    elseif row.year ~= from and row.year ~= to then
      exclude("not " .. from .. " or " .. to, row.headcount)
    elseif row.headcount == nil then
      exclude("headcount not available (\" -\")")   -- the Home Office's nil
    elseif row.ethnic_group == nil or row.ethnic_group == "Not stated" then
      exclude("ethnicity not stated", row.headcount) -- not in the denominator
      if level ~= nil then                           -- but in the bounds
        unstated[row.year][level] = (unstated[row.year][level] or 0) + row.headcount
      end
    elseif a.by and level == nil then
      exclude(a.by .. " not recorded", row.headcount)
    else
      used = used + 1
      found[row.year] = true
      if not seen_level[level] then
        seen_level[level] = true
        levels[#levels + 1] = level
      end
      local y = cells[row.year]
      y[level] = y[level] or {}
      y[level][row.ethnic_group] = (y[level][row.ethnic_group] or 0) + row.headcount
    end
  end
  for _, y in ipairs{from, to} do
    if not found[y] then fail("no rows for " .. force .. " in " .. y) end
  end
  table.sort(levels)

  -- The shares table, then small-number suppression within each year and level
  -- (the five groups are one table: the secondary cell keeps the total from
  -- revealing a suppressed one).
  local cols = {year = {}, level = {}, ethnic_group = {}, headcount = {}}
  for _, y in ipairs{from, to} do
    for _, level in ipairs(levels) do
      for _, g in ipairs(GROUPS) do
        local c = cols
        c.year[#c.year + 1] = y
        c.level[#c.level + 1] = level
        c.ethnic_group[#c.ethnic_group + 1] = g
        c.headcount[#c.headcount + 1] = math.tointeger((cells[y][level] or {})[g] or 0)
      end
    end
  end
  local five = rapkit.disclose(
    rapkit.dataset{year = cols.year, level = cols.level, ethnic_group = cols.ethnic_group,
                   headcount = cols.headcount,
                   names = {"year", "level", "ethnic_group", "headcount"}},
    {cols = {"headcount"}, by = {"year", "level"}})

  local bench = a.benchmark and benchmark_shares(a.benchmark)
  local out = {year = {}, level = {}, ethnic_group = {}, headcount = {}, share = {},
               lower = {}, upper = {}, headcount_suppressed = {}, share_suppressed = {},
               lower_suppressed = {}, upper_suppressed = {}, benchmark = {}}
  local share_of = {}   -- share_of[level][group][year] = proportion result or false
  local bounds = {year = {}, level = {}, ethnic_group = {}, unstated = {}, share = {},
                  share_if_none = {}, share_if_all = {}, withheld = {}}
  local min = rapkit.min_count or 10
  local function add(y, level, g, k, n, suppressed, block_hidden)
    local p = (not suppressed and n > 0) and stats.proportion(k, n) or nil
    -- The interval of a zero count gives away the denominator; where a cell of
    -- the block is hidden, that could give the hidden cell back: drop it.
    local interval_dropped = p ~= nil and k == 0 and block_hidden
    if interval_dropped then p = {estimate = 0, k = 0, n = n} end
    local M_ = rapkit.MISSING
    out.year[#out.year + 1] = y
    out.level[#out.level + 1] = level
    out.ethnic_group[#out.ethnic_group + 1] = g
    out.headcount[#out.headcount + 1] = suppressed and M_ or k
    out.share[#out.share + 1] = p and p.estimate or M_
    out.lower[#out.lower + 1] = p and p.lower or M_
    out.upper[#out.upper + 1] = p and p.upper or M_
    out.headcount_suppressed[#out.headcount_suppressed + 1] = suppressed
    -- Withheld, as against not existing: a suppressed headcount is never 0,
    -- so n > 0 and the share would have been shown.
    local share_hidden = suppressed and n > 0
    local interval_hidden = share_hidden or interval_dropped
    out.share_suppressed[#out.share_suppressed + 1] = share_hidden
    out.lower_suppressed[#out.lower_suppressed + 1] = interval_hidden
    out.upper_suppressed[#out.upper_suppressed + 1] = interval_hidden
    out.benchmark[#out.benchmark + 1] = bench and bench[g] or M_
    share_of[level] = share_of[level] or {}
    share_of[level][g] = share_of[level][g] or {}
    share_of[level][g][y] = p or false

    -- The bounds under extreme allocations of the Not stated headcount u.
    local u = math.tointeger(unstated[y][level] or 0)
    local withheld = suppressed or (u > 0 and u < min) or (k == 0 and block_hidden)
    local shown = not withheld and n + u > 0
    local b = bounds
    b.year[#b.year + 1] = y
    b.level[#b.level + 1] = level
    b.ethnic_group[#b.ethnic_group + 1] = g
    b.unstated[#b.unstated + 1] = u
    b.share[#b.share + 1] = (not suppressed and n > 0) and k / n or M_   -- as in shares
    b.share_if_none[#b.share_if_none + 1] = shown and k / (n + u) or M_
    b.share_if_all[#b.share_if_all + 1] = shown and (k + u) / (n + u) or M_
    b.withheld[#b.withheld + 1] = withheld and true or false
  end
  local i = 0
  for _, y in ipairs{from, to} do
    for _, level in ipairs(levels) do
      local n, minority, hidden = 0, 0, {}
      for _, g in ipairs(GROUPS) do
        local k = (cells[y][level] or {})[g] or 0
        n = n + math.tointeger(k)
        if g ~= "White" then minority = minority + math.tointeger(k) end
      end
      for _, g in ipairs(GROUPS) do
        i = i + 1
        hidden[g] = five:get(i, "headcount_suppressed")
      end
      -- Ethnic minority = stated - White. It is hidden when it is small itself,
      -- or when White and a minority group are both hidden (it would give that
      -- group's count by subtraction); once it is hidden, White is hidden too,
      -- or stated - White would give it back.
      local any = hidden.Asian or hidden.Black or hidden.Mixed or hidden.Other
      local em_hidden = (minority > 0 and minority < min) or (hidden.White and any) or false
      if em_hidden then hidden.White = true end
      local block_hidden = any or hidden.White or em_hidden
      for _, g in ipairs(GROUPS) do
        add(y, level, g, math.tointeger((cells[y][level] or {})[g] or 0), n, hidden[g],
            block_hidden)
      end
      add(y, level, MINORITY, minority, n, em_hidden, block_hidden)
    end
  end
  local names = {"year", "level", "ethnic_group", "headcount", "share", "lower", "upper",
                 "headcount_suppressed", "share_suppressed", "lower_suppressed",
                 "upper_suppressed"}
  if bench then names[#names + 1] = "benchmark" else out.benchmark = nil end
  out.names = names
  local shares = rapkit.dataset(out)
  bounds.names = {"year", "level", "ethnic_group", "unstated", "share", "share_if_none",
                  "share_if_all", "withheld"}
  local unstated_bounds = rapkit.dataset(bounds)

  -- Change from `from` to `to`, per level and group, where both shares are shown.
  local ch = {level = {}, ethnic_group = {}, from_share = {}, to_share = {}, points = {},
              relative = {}}
  local sentences = {}
  local all_groups = {table.unpack(GROUPS)}
  all_groups[#all_groups + 1] = MINORITY
  for _, level in ipairs(levels) do
    for _, g in ipairs(all_groups) do
      local old, new = share_of[level][g][from], share_of[level][g][to]
      local c = (old and new) and stats.change(old.estimate, new.estimate,
                                                {kind = "proportion"}) or nil
      local M_ = rapkit.MISSING
      ch.level[#ch.level + 1] = level
      ch.ethnic_group[#ch.ethnic_group + 1] = g
      ch.from_share[#ch.from_share + 1] = old and old.estimate or M_
      ch.to_share[#ch.to_share + 1] = new and new.estimate or M_
      ch.points[#ch.points + 1] = c and c.points or M_
      ch.relative[#ch.relative + 1] = c and c.relative or M_
      -- One sentence per level, for ethnic minorities as a whole.
      if g == MINORITY and c then
        local who = a.by and (level .. ": ") or ""
        sentences[#sentences + 1] = ("%sethnic minority representation, %d to %d, %s"):format(
          who, from, to, say.change(old.estimate, new.estimate,
            {kind = "proportion", cases = math.min(old.k, new.k)}))
      end
    end
  end
  ch.names = {"level", "ethnic_group", "from_share", "to_share", "points", "relative"}
  local change = rapkit.dataset(ch)

  -- Asian and Black headcounts compared, in the last year (whole force or each level).
  for _, level in ipairs(levels) do
    local asian, black = share_of[level].Asian[to], share_of[level].Black[to]
    if asian and black and asian.k > 0 and black.k > 0 then
      local who = a.by and (level .. ", ") or ""
      local noun = a.by and "people" or "officers and staff"
      sentences[#sentences + 1] = ("%s%d: %s"):format(who, to, say.compare(asian.k, black.k,
        "Asian " .. noun, "Black " .. noun))
    end
  end

  local ex = {reason = {}, rows = {}, headcount = {}}
  for _, r in ipairs(order) do
    ex.reason[#ex.reason + 1] = r
    ex.rows[#ex.rows + 1] = reasons[r].rows
    local h = reasons[r].headcount   -- missing when no row had a headcount
    ex.headcount[#ex.headcount + 1] = h and math.tointeger(h) or rapkit.MISSING
  end
  ex.names = {"reason", "rows", "headcount"}

  -- The level column takes the name of `by`, or is dropped without it.
  if a.by then
    shares = shares:rename("level", a.by)
    change = change:rename("level", a.by)
    unstated_bounds = unstated_bounds:rename("level", a.by)
  else
    shares = shares:select(table.unpack(names, 1, 1), table.unpack(names, 3))
    unstated_bounds = unstated_bounds:select("year", "ethnic_group", "unstated", "share",
                                             "share_if_none", "share_if_all", "withheld")
    change = change:select("ethnic_group", "from_share", "to_share", "points", "relative")
  end

  local notes = {
      "Share = headcount of the group / headcount of people whose ethnicity is stated "
        .. "(Not stated is left out of the denominator), " .. force .. ", as at 31 March.",
      "Ethnic minority = Asian, Black, Mixed and Other groups.",
      "Intervals are 95% Wilson intervals: they show how much a share of this size could "
        .. "vary by chance, though the figures count everyone.",
  }
  local ns = reasons["ethnicity not stated"]
  if ns and (ns.headcount or 0) > 0 then
    notes[#notes + 1] = ("%s rows (headcount %s) had ethnicity not stated; "
      .. "unstated_bounds shows each share if none or all of them were in the group.")
      :format(thousands(ns.rows), thousands(math.tointeger(ns.headcount)))
  end

  return {
    shares = shares,
    change = change,
    unstated_bounds = unstated_bounds,
    used = used,
    excluded = rapkit.dataset(ex),
    sentences = sentences,
    notes = notes,
  }
end

M.run = common.protect(run)

return M
