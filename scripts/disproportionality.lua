-- disproportionality: stop and search rates per 1,000 people by self-defined
-- ethnic group, and each group's rate as a ratio of the White rate, by the
-- Home Office method.
--
--   local disp = require("disproportionality")
--   local result = disp.run{
--     searches   = searches,            -- a stop_search dataset (rapkit.load)
--     population = population,         -- a population dataset (rapkit.load)
--     by         = {"financial_year"}, -- optional: columns of `searches` to split by
--     area       = "force",            -- optional: the column of `searches` whose
--                                      -- values are the population file's `area`
--     reference  = "White",            -- optional: the group the ratios compare with
--     min_count  = 10,                 -- optional: default rapkit.min_count, else 10
--   }
--
-- The method, and why:
-- * Person searches only: a vehicle-only search has no person and so no
--   ethnicity; the Home Office leaves them out of rates per 1,000 people.
-- * Self-defined ethnicity, in the five Census groups. "Not stated" and a
--   missing ethnicity cannot be given a denominator, so those rows are left
--   out of the rates, counted by reason in `excluded`, and `unstated_bounds`
--   shows how far the figures could move if they were known.
-- * Rate per 1,000 usual residents of the group (Census), with Byar's
--   interval (rapkit.stats.rate); ratio to the reference group with the
--   log-method interval (rapkit.stats.rate_ratio).
-- * Small numbers: a count of searches below min_count is suppressed with
--   rapkit.disclose (and a second count where one alone would let the total
--   reveal it). Every figure worked out from a suppressed count is withheld
--   too, since a rate and its population give the count back. Withheld
--   values are missing, never 0, and `flag` says why.
--
-- Returns a table:
--   rates           dataset: the `by` columns, the area column, ethnic_group,
--                   searches, population, per_1000, per_1000_lower,
--                   per_1000_upper, ratio, ratio_lower, ratio_upper, flag,
--                   searches_suppressed, then per_1000_suppressed and so on
--                   for each of the six figures; groups in
--                   rapkit.ETHNIC_GROUPS order
--
-- A figure's `<figure>_suppressed` flag is true where the figure was
-- withheld because a count it rests on is suppressed, so that tables and
-- charts show [c] there; a figure that does not exist whatever is shown (the
-- reference group's ratio, a rate with no population, a ratio to a reference
-- count of 0) stays missing with the flag false, and shows as [x].
--   used            number of rows used
--   excluded        dataset: reason, rows (every reason, 0 included)
--   unstated_bounds dataset: the `by` and area columns, ethnic_group,
--                   unstated (rows of that cell with ethnicity not stated or
--                   missing), per_1000_if_none, per_1000_if_all, ratio_lowest
--                   (none of them in the group, all in the reference group),
--                   ratio_highest (all in the group, none in the reference
--                   group), withheld
--   notes           list of strings for a footnote
--   min_count       the threshold used

local disp = {}

local common = require("metric_common")
local cell_key = common.cell_key   -- a cell is one combination of the `by` and area values

local MISSING = rapkit.MISSING

-- The five Census groups, in display order ("Not stated" has no population).
local function census_groups()
  local groups = {}
  for _, g in ipairs(rapkit.ETHNIC_GROUPS) do
    if g ~= "Not stated" then groups[#groups + 1] = g end
  end
  return groups
end

local function check_options(opts)
  local known = {searches = true, population = true, by = true, area = true,
                 reference = true, min_count = true}
  for k in pairs(opts) do
    if not known[k] then
      error("disproportionality: unknown option '" .. tostring(k) ..
            "' (options: searches, population, by, area, reference, min_count)", 3)
    end
  end
  if opts.searches == nil then error("disproportionality: searches is required", 3) end
  if opts.population == nil then error("disproportionality: population is required", 3) end
  -- The datasets must be of the right kinds, or the error would point here.
  local needs = {
    {opts.searches, "searches", "stop_search", {"person_search", "ethnic_group"}},
    {opts.population, "population", "population", {"area", "ethnic_group", "population"}},
  }
  for _, n in ipairs(needs) do
    local ds, option, kind = n[1], n[2], n[3]
    if getmetatable(ds) ~= "rapkit.Dataset" then
      error(("disproportionality: %s must be a dataset from rapkit.load(\"%s\", ...), got a %s")
            :format(option, kind, type(ds)), 3)
    end
    for _, col in ipairs(n[4]) do
      if not common.has_column(ds, col) then
        error(("disproportionality: %s is not a %s dataset (no column '%s'): load it with "
               .. "rapkit.load(\"%s\", ...)"):format(option, kind, col, kind), 3)
      end
    end
  end
end

-- population[area][group] = usual residents, from the population dataset.
local function read_population(population)
  local by_area, areas, years = {}, {}, {}
  for row in population:rows() do
    local area = row.area
    if not by_area[area] then
      by_area[area] = {}
      areas[#areas + 1] = area
    end
    if by_area[area][row.ethnic_group] then
      error("disproportionality: the population has two rows for " .. tostring(area) .. ", " ..
            tostring(row.ethnic_group) .. " (keep one census year: filter{census_year = ...})", 3)
    end
    by_area[area][row.ethnic_group] = row.population
    if row.census_year then years[row.census_year] = true end
  end
  local year_list = {}
  for y in pairs(years) do year_list[#year_list + 1] = y end
  table.sort(year_list)
  return by_area, areas, year_list
end

function disp.run(opts)
  check_options(opts)
  local searches, reference = opts.searches, opts.reference or "White"
  local min_count = opts.min_count or rapkit.min_count or 10
  local by = opts.by or {}
  local keys = {}                       -- the columns that split the table
  for _, col in ipairs(by) do keys[#keys + 1] = col end
  if opts.area then keys[#keys + 1] = opts.area end
  local groups = census_groups()

  local pop, areas, census_years = read_population(opts.population)
  if not opts.area and #areas ~= 1 then
    error("disproportionality: the population holds " .. #areas .. " areas: name the column " ..
          "of searches that gives the area (area = \"force\"), or filter the population " ..
          "to one area", 2)
  end
  local function population_of(row, group)
    local area = opts.area and row[opts.area] or areas[1]
    return pop[area] and pop[area][group]
  end

  -- C counts the rows; Lua only walks the (small) table of counts.
  local counts = searches:count("person_search", "ethnic_group", table.unpack(keys))
  local excluded = {["vehicle only"] = 0, ["ethnicity not stated"] = 0,
                    ["ethnicity missing"] = 0, ["search type missing"] = 0,
                    ["no population for the area"] = 0}
  local stated, unstated, used = {}, {}, 0
  for row in counts:rows() do
    local key = cell_key(row, keys)
    local reason
    if row.person_search == nil then
      reason = "search type missing"
    elseif row.person_search == false then
      reason = "vehicle only"
    elseif row.ethnic_group == nil then
      reason = "ethnicity missing"
    elseif row.ethnic_group == "Not stated" then
      reason = "ethnicity not stated"
    elseif opts.area and not pop[row[opts.area]] then
      reason = "no population for the area"
    end
    if reason then
      excluded[reason] = excluded[reason] + row.n
      -- Unstated rows of a cell feed the bounds under extreme allocations.
      if reason == "ethnicity missing" or reason == "ethnicity not stated" then
        unstated[key] = (unstated[key] or 0) + row.n
      end
    else
      stated[key] = stated[key] or {}
      stated[key][row.ethnic_group] = (stated[key][row.ethnic_group] or 0) + row.n
      used = used + row.n
    end
  end

  -- One block of rows per cell, in the order count sorts the cells.
  local cells = {}
  local distinct = #keys > 0 and searches:distinct(table.unpack(keys)) or nil
  if distinct then
    for row in distinct:rows() do
      if stated[cell_key(row, keys)] then cells[#cells + 1] = row end
    end
  elseif stated[""] then
    cells[1] = {}
  end

  -- Suppress small counts first, so that everything after can see which
  -- counts are withheld.
  local plain = {ethnic_group = {}, searches = {}}
  for _, col in ipairs(keys) do plain[col] = {} end
  for _, cell in ipairs(cells) do
    for _, g in ipairs(groups) do
      for _, col in ipairs(keys) do table.insert(plain[col], cell[col]) end
      table.insert(plain.ethnic_group, g)
      table.insert(plain.searches, stated[cell_key(cell, keys)][g] or 0)
    end
  end
  local names = {table.unpack(keys)}
  names[#names + 1] = "ethnic_group"
  names[#names + 1] = "searches"
  plain.names = names
  local disclose_opts = {cols = {"searches"}, min = min_count}
  if #keys > 0 then disclose_opts.by = keys end
  local safe = rapkit.disclose(rapkit.dataset(plain), disclose_opts):to_table()

  local FIGURES = {"per_1000", "per_1000_lower", "per_1000_upper", "ratio", "ratio_lower",
                   "ratio_upper"}
  local out = {ethnic_group = {}, searches = {}, population = {}, flag = {},
               searches_suppressed = {}}
  for _, f in ipairs(FIGURES) do out[f], out[f .. "_suppressed"] = {}, {} end
  local bounds = {ethnic_group = {}, unstated = {}, per_1000_if_none = {},
                  per_1000_if_all = {}, ratio_lowest = {}, ratio_highest = {}, withheld = {}}
  for _, col in ipairs(keys) do out[col] = {}; bounds[col] = {} end
  local function put(t, col, v) table.insert(t[col], v == nil and MISSING or v) end

  local i = 0
  for _, cell in ipairs(cells) do
    local key = cell_key(cell, keys)
    local k = stated[key]
    local u = unstated[key] or 0
    local cell_rows = {}
    for _, g in ipairs(groups) do
      i = i + 1
      cell_rows[g] = safe[i]
    end
    local ref_k, ref_n = k[reference] or 0, population_of(cell, reference)
    local ref_hidden = cell_rows[reference] and cell_rows[reference].searches_suppressed
    for _, g in ipairs(groups) do
      local s = cell_rows[g]
      local count, n = k[g] or 0, population_of(cell, g)
      local flags = {}
      local rate, ratio, lo_ratio, hi_ratio, none_rate, all_rate
      if s.searches_suppressed then
        flags[#flags + 1] = count < min_count and count > 0
          and ("suppressed: fewer than " .. min_count .. " searches")
          or "suppressed: to protect another small count"
      elseif not n or n <= 0 then
        flags[#flags + 1] = "no population for this group"
      else
        rate = rapkit.stats.rate(count, n)
        none_rate = rate.estimate
        all_rate = rapkit.stats.rate(count + u, n).estimate
        if g == reference then
          flags[#flags + 1] = "reference group"
        elseif ref_hidden then
          flags[#flags + 1] = "ratio withheld: the " .. reference .. " count is suppressed"
        elseif ref_n and ref_n > 0 then
          ratio = rapkit.stats.rate_ratio(count, n, ref_k, ref_n)
          if ratio.flag then flags[#flags + 1] = ratio.flag end
          -- The extremes: every unstated row in the reference group and none
          -- here, or every one here and none in the reference group.
          if ref_k + u > 0 then lo_ratio = (count / n) / ((ref_k + u) / ref_n) end
          if ref_k > 0 then hi_ratio = ((count + u) / n) / (ref_k / ref_n) end
        end
      end
      for _, col in ipairs(keys) do put(out, col, cell[col]); put(bounds, col, cell[col]) end
      put(out, "ethnic_group", g)
      put(out, "searches", s.searches)
      put(out, "population", n)
      put(out, "per_1000", rate and rate.estimate)
      put(out, "per_1000_lower", rate and rate.lower)
      put(out, "per_1000_upper", rate and rate.upper)
      put(out, "ratio", ratio and ratio.estimate)
      put(out, "ratio_lower", ratio and ratio.lower)
      put(out, "ratio_upper", ratio and ratio.upper)
      put(out, "flag", #flags > 0 and table.concat(flags, "; ") or nil)
      put(out, "searches_suppressed", s.searches_suppressed)
      -- Withheld, as against not existing: the figures the counts would
      -- give, were they shown (a suppressed count is never 0, so a flag
      -- tells nothing the shown counts do not).
      local rate_hidden = s.searches_suppressed and n and n > 0
      local hidden_ratio = (s.searches_suppressed or ref_hidden) and g ~= reference
        and n and n > 0 and ref_n and ref_n > 0
        and rapkit.stats.rate_ratio(count, n, ref_k, ref_n) or nil
      put(out, "per_1000_suppressed", rate_hidden and true or false)
      put(out, "per_1000_lower_suppressed", rate_hidden and true or false)
      put(out, "per_1000_upper_suppressed", rate_hidden and true or false)
      put(out, "ratio_suppressed", hidden_ratio ~= nil and hidden_ratio.estimate ~= nil)
      put(out, "ratio_lower_suppressed", hidden_ratio ~= nil and hidden_ratio.lower ~= nil)
      put(out, "ratio_upper_suppressed", hidden_ratio ~= nil and hidden_ratio.upper ~= nil)

      -- The bounds rest on this group's count and on the unstated count:
      -- withhold them when either could reveal a small number.
      local withheld = s.searches_suppressed or (u > 0 and u < min_count)
      put(bounds, "ethnic_group", g)
      put(bounds, "unstated", u)
      put(bounds, "per_1000_if_none", not withheld and none_rate or nil)
      put(bounds, "per_1000_if_all", not withheld and all_rate or nil)
      put(bounds, "ratio_lowest", not withheld and lo_ratio or nil)
      put(bounds, "ratio_highest", not withheld and hi_ratio or nil)
      put(bounds, "withheld", withheld and true or false)
    end
  end

  local function with_names(t, cols)
    local list = {table.unpack(keys)}
    for _, c in ipairs(cols) do list[#list + 1] = c end
    t.names = list
    return t
  end
  local rate_cols = {"ethnic_group", "searches", "population"}
  for _, f in ipairs(FIGURES) do rate_cols[#rate_cols + 1] = f end
  rate_cols[#rate_cols + 1] = "flag"
  rate_cols[#rate_cols + 1] = "searches_suppressed"
  for _, f in ipairs(FIGURES) do rate_cols[#rate_cols + 1] = f .. "_suppressed" end
  local rates = rapkit.dataset(with_names(out, rate_cols))
  local unstated_bounds = rapkit.dataset(with_names(bounds, {"ethnic_group", "unstated",
    "per_1000_if_none", "per_1000_if_all", "ratio_lowest", "ratio_highest", "withheld"}))

  local reasons = {"vehicle only", "ethnicity not stated", "ethnicity missing",
                   "search type missing", "no population for the area"}
  local rows = {}
  for j, r in ipairs(reasons) do rows[j] = excluded[r] end
  local excluded_ds = common.excluded(reasons, rows)

  local total_unstated = excluded["ethnicity not stated"] + excluded["ethnicity missing"]
  local notes = {
    "person searches only, by self-defined ethnic group; vehicle-only searches and " ..
    "searches with ethnicity not stated or missing are excluded (Home Office method)",
    "rates per 1,000 usual residents; ratios to the " .. reference ..
    " rate with 95% confidence intervals (log method)",
  }
  if #census_years > 0 then
    local ys = {}
    for j, y in ipairs(census_years) do ys[j] = tostring(y) end
    notes[#notes + 1] = "population: Census " .. table.concat(ys, " and ")
  end
  if total_unstated > 0 then
    notes[#notes + 1] = total_unstated .. " person searches had no stated ethnicity; " ..
      "unstated_bounds shows the rates and ratios if all or none of them were in each group"
  end
  notes[#notes + 1] = "counts below " .. min_count .. " are suppressed ([c]), with " ..
    "secondary suppression; figures worked out from them are withheld"

  return {rates = rates, used = used, excluded = excluded_ds,
          unstated_bounds = unstated_bounds, notes = notes, min_count = min_count}
end

-- Board-paper phrases for one row of `rates` (a row table from rows()):
-- the rate, and the ratio for a group other than the reference. A
-- suppressed count gives "[c]", never a figure.
function disp.phrases(row, reference)
  reference = reference or "White"
  if row.searches_suppressed then return {rate = "[c]", ratio = "[c]"} end
  local p = {}
  if row.per_1000 then
    p.rate = rapkit.say.rate(row.searches, row.population,
      {interval = {row.per_1000_lower, row.per_1000_upper}})
  end
  if row.ratio then
    -- As a table, so that an upper bound that is not computable (a zero
    -- count) is phrased as such.
    p.ratio = rapkit.say.ratio({estimate = row.ratio, lower = row.ratio_lower,
      upper = row.ratio_upper, conf = 0.95}, {group = row.ethnic_group, reference = reference})
  end
  return p
end

return disp
