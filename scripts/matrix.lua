-- matrix: the impact matrix. A scheme says what a row is (an activity, an
-- action), which dimensions score it and how, and how the scores add up to
-- a total and a level; this module scores a scheme for a period, compares
-- two periods and two schemes, tests how far the levels hang on the weights,
-- and writes the outputs. docs/matrix.md explains the choices made here.
--
--   local scheme = rapkit.matrix{name = "reach", version = 1, rows = {...},
--                                dimensions = {...}, weights = {...}, thresholds = {...}}
--   local result = scheme:score{period = "2025-26 Q2"}
--   rapkit.matrix.run{scheme = scheme, period = "2025-26 Q2", compare = "2025-26 Q1"}
--
-- Errors in a scheme name the scheme file's line: the line of the
-- rapkit.matrix{...} call for the definition, the scoring function's own
-- line (or the line it failed on) for a score. A missing score is missing,
-- never 0.

local M = {}

local schemes = setmetatable({}, {__mode = "k"})   -- every scheme define made
local Scheme = {}
Scheme.__index = Scheme
Scheme.__metatable = "rapkit.MatrixScheme"

local RAG = {red = "red", amber = "amber", green = "green", r = "red", a = "amber", g = "green"}
local DEFAULT_LEVELS = {"Low", "Medium", "High"}
local DEFAULT_RAG = {"red", "amber", "green"}
local ROBUST_SHARE = 0.95       -- a level kept in fewer draws than this depends on the weights
local DEFAULT_SPREAD = 0.2      -- weights move by up to +/-20%
local DEFAULT_SEED = 1
local BAND_NAMES = {"top third", "middle third", "bottom third"}
local EPS = 1e-9                -- totals this close to a threshold count as on it

-- ---- small helpers -------------------------------------------------------

local function is_dataset(x)
  return getmetatable(x) == "rapkit.Dataset"
end

-- The level of `value` under thresholds (nil for no value): a total on a
-- threshold, to within EPS, is in the level it starts.
local function level_of(thresholds, value)
  if value == nil then return nil end
  local chosen = thresholds[1]
  for _, t in ipairs(thresholds) do
    if value >= t.min - EPS then chosen = t end
  end
  return chosen
end

-- v rounded half away from zero to dp places, on the number as written, as
-- rapkit's charts and phrases round: 0.285 gives 0.29 (the double is
-- 0.28499...), -0.05 gives -0.1 as 0.05 gives 0.1.
local function round(v, dp)
  if v == nil then return nil end
  local f = 10 ^ dp
  local scaled = tonumber(string.format("%.14e", math.abs(v) * f))   -- 15 significant figures
  local r = math.floor(scaled + 0.5) / f
  return v < 0 and -r or r
end

-- v rounded to dp places or more, and the places: more where dp would show
-- a value other than 0 as 0 (0.004 at 2 places), or, given thresholds, put
-- the shown value in another level than v's (13.96 as 14.0 when a level
-- starts at 14). Within EPS of 0 or of a threshold counts as on it.
local MAX_PLACES = 12
local CHART_PLACES = 6   -- the most a chart prints (a value within 5e-7 of a threshold may show on it)
local function shown(v, dp, thresholds)
  local level = thresholds and level_of(thresholds, v)
  local places = dp
  while places < MAX_PLACES do
    local r = round(v, places)
    if (r ~= 0 or math.abs(v) <= EPS) and (not level or level_of(thresholds, r) == level) then break end
    places = places + 1
  end
  return round(v, places), places
end

-- The fewest places, at most `most`, that show v (to within EPS).
local function exact_places(v, most)
  for places = 0, most - 1 do
    if math.abs(round(v, places) - v) <= EPS then return places end
  end
  return most
end

-- A heatmap's cells as it prints them, with one count of places for the
-- grid: the fewest that show every value (a score to at most 2 places, a
-- total to at most 1: `base`), raised where fewer would show a value other
-- than 0 as 0, or a value across a threshold its colour is not across.
-- cells: a list of {value = v (nil: none), base = n, thresholds = t or nil}.
-- Returns the values to draw, each rounded to the places (rapkit.MISSING
-- for none), and the places.
local function grid_values(cells)
  local places = 0
  for _, c in ipairs(cells) do
    if c.value ~= nil then places = math.max(places, exact_places(c.value, c.base)) end
  end
  repeat  -- a value fine at 1 place may not be at 2 (13.949 and 13.95): settle on one count
    local was = places
    for _, c in ipairs(cells) do
      if c.value ~= nil then places = math.max(places, select(2, shown(c.value, places, c.thresholds))) end
    end
  until places == was
  places = math.min(places, CHART_PLACES)
  local values = {}
  for i, c in ipairs(cells) do values[i] = c.value == nil and rapkit.MISSING or round(c.value, places) end
  return values, places
end

-- A number for tables and sentences: whole numbers as such, others with up
-- to `dp` decimals (more where `shown` needs them) and no trailing zeros.
local function fmt(v, dp, thresholds)
  if v == nil then return "" end
  if v == math.floor(v) and math.abs(v) < 1e15 then return string.format("%d", math.floor(v)) end
  local r, places = shown(v, dp or 2, thresholds)
  local s = string.format("%." .. places .. "f", r):gsub("0+$", ""):gsub("%.$", "")
  if s == "-0" then s = "0" end
  return s
end

local function signed(v, dp)
  if v == nil then return "" end
  local s = fmt(v, dp)
  if s ~= "0" and v > 0 then s = "+" .. s end
  return s
end

local function csv_field(v)
  local s = tostring(v == nil and "" or v)
  if s:find('[,"\r\n]') then s = '"' .. s:gsub('"', '""') .. '"' end
  return s
end

local function csv_line(fields)
  local out = {}
  for i = 1, #fields do out[i] = csv_field(fields[i]) end
  return table.concat(out, ",") .. "\n"
end

-- Text in Markdown, by rapkit's one rule (pipes, backslashes, < and >,
-- line breaks): the same for a table cell and a sentence.
local function md_cell(v)
  return rapkit.markdown_text(tostring(v == nil and "" or v))
end

local function md_row(fields)
  local out = {}
  for i = 1, #fields do out[i] = md_cell(fields[i]) end
  return "| " .. table.concat(out, " | ") .. " |\n"
end

-- "a, b and c"
local function join_and(items)
  if #items <= 1 then return items[1] or "" end
  return table.concat(items, ", ", 1, #items - 1) .. " and " .. items[#items]
end

local thousands = require("metric_common").thousands

local function plural(n, one, many)
  return thousands(n) .. " " .. (n == 1 and one or many)
end

local function sorted_keys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = tostring(k) end
  table.sort(keys)
  return keys
end

-- True when msg already starts "path:line:".
local function has_position(msg)
  return type(msg) == "string" and msg:match("^[^\n]-:%d+:") ~= nil
end

-- ---- define ----------------------------------------------------------------

local DEF_KEYS = {name = true, version = true, title = true, description = true, rows = true,
                  dimensions = true, weights = true, total = true, missing = true, thresholds = true}
local ROW_KEYS = {data = true, kind = true, key = true, group = true, date = true, title = true}
local DIM_KEYS = {name = true, scale = true, score = true, thresholds = true, description = true}
local SCALE_KEYS = {min = true, max = true, labels = true}
local LEVEL_KEYS = {min = true, level = true, rag = true}

local pending_source     -- the text of a scheme file M.load is running
local last_defined       -- where the last scheme was defined, for M.main's hint

local function check_keys(fail, t, known, what)
  for k in pairs(t) do
    if not known[k] then
      fail(("unknown %s '%s' (known: %s)"):format(what, tostring(k), table.concat(sorted_keys(known), ", ")))
    end
  end
end

-- Thresholds {{min = n, level = "Low", rag = "red"}, ...} in rising order of
-- min, each with a RAG colour (its level's name when that is one).
local function check_thresholds(fail, list, what)
  if type(list) ~= "table" or #list == 0 then
    fail(what .. " must be a list of {min = number, level = \"name\", rag = \"red\"|\"amber\"|\"green\"}")
  end
  local out, seen = {}, {}
  for i, t in ipairs(list) do
    if type(t) ~= "table" then fail(what .. " item " .. i .. " must be a table") end
    check_keys(fail, t, LEVEL_KEYS, "field in " .. what .. " item " .. i)
    if type(t.min) ~= "number" or t.min ~= t.min or math.abs(t.min) == math.huge then
      fail(what .. " item " .. i .. ": min must be a number")
    end
    if type(t.level) ~= "string" or t.level == "" then
      fail(what .. " item " .. i .. ": level must be a name such as \"High\"")
    end
    if seen[t.level] then fail(what .. " name level '" .. t.level .. "' twice") end
    seen[t.level] = true
    local rag = RAG[string.lower(t.rag or t.level)]
    if not rag then
      fail(what .. " item " .. i .. ": give level '" .. t.level .. "' a rag colour (red, amber or green)")
    end
    if i > 1 and t.min <= out[i - 1].min then
      fail(what .. " must rise: item " .. i .. " (min " .. fmt(t.min) .. ") is not above item " .. (i - 1))
    end
    out[i] = {min = t.min, level = t.level, rag = rag, order = i}
  end
  return out
end

-- Three levels over [lo, hi]: thirds, Low (red), Medium (amber), High (green).
local function default_thresholds(lo, hi)
  local out = {}
  for i = 1, 3 do
    out[i] = {min = lo + (hi - lo) * (i - 1) / 3, level = DEFAULT_LEVELS[i], rag = DEFAULT_RAG[i], order = i}
  end
  return out
end

local function check_dimension(fail, d, i, names)
  if type(d) ~= "table" then fail("dimension " .. i .. " must be a table {name = ..., scale = ..., score = ...}") end
  check_keys(fail, d, DIM_KEYS, "field in dimension " .. i)
  if type(d.name) ~= "string" or d.name == "" then fail("dimension " .. i .. " needs a name") end
  if d.name == "Total" then fail("dimension " .. i .. " cannot be called 'Total': the total has that column") end
  if names[d.name] then fail("two dimensions are called '" .. d.name .. "'") end
  names[d.name] = true
  local dfail = function(msg) fail("dimension '" .. d.name .. "': " .. msg) end
  if type(d.score) ~= "function" then
    dfail("score must be a function(records, period) returning a score and an evidence note")
  end
  local s = d.scale
  if type(s) ~= "table" then dfail("give a scale, as scale = {min = 0, max = 4}") end
  check_keys(dfail, s, SCALE_KEYS, "field in the scale")
  if type(s.min) ~= "number" or type(s.max) ~= "number" or not (s.min < s.max)
     or math.abs(s.min) == math.huge or math.abs(s.max) == math.huge then
    dfail("the scale needs numbers min < max")
  end
  local labels
  if s.labels ~= nil then
    if math.type(s.min) ~= "integer" or math.type(s.max) ~= "integer" then
      dfail("a scale with labels needs whole numbers min and max")
    end
    if type(s.labels) ~= "table" or #s.labels ~= s.max - s.min + 1 then
      dfail("the scale " .. s.min .. " to " .. s.max .. " needs " .. (s.max - s.min + 1)
            .. " labels, one per score")
    end
    labels = {}
    for k = 1, #s.labels do
      if type(s.labels[k]) ~= "string" then dfail("scale label " .. k .. " must be text") end
      labels[k] = s.labels[k]
    end
  end
  return {
    name = d.name, description = d.description, score = d.score, min = s.min, max = s.max, labels = labels,
    thresholds = d.thresholds ~= nil and check_thresholds(dfail, d.thresholds, "thresholds")
                 or default_thresholds(s.min, s.max),
  }
end

-- rapkit.matrix{...}: called by rapkit.matrix with where the call is
-- ("scheme.lua:3") and the text of that file.
function M.define(def, info)
  info = info or {}
  local where = info.where or "?"
  local label = "matrix"
  local function fail(msg) error(where .. ": " .. label .. ": " .. msg, 0) end
  if type(def) ~= "table" then fail("give the scheme as a table: rapkit.matrix{name = ..., ...}") end
  if type(def.name) ~= "string" or not def.name:match("^[%w][%w_%-%.]*$") then
    fail("name must be text of letters, digits, '_', '-' and '.' (it names the output folder), as name = \"emmie\"")
  end
  label = "matrix '" .. def.name .. "'"
  check_keys(fail, def, DEF_KEYS, "field")
  if type(def.version) ~= "string" and type(def.version) ~= "number" then
    fail("give a version, as version = \"1.0\": it is recorded with every result")
  end

  local rows = def.rows
  if type(rows) ~= "table" then fail("rows must be a table, as rows = {data = \"activities\", key = \"activity\"}") end
  check_keys(fail, rows, ROW_KEYS, "field in rows")
  if not (is_dataset(rows.data) or (type(rows.data) == "string" and rows.data:match("^[%a_][%w_]*$"))) then
    fail("rows.data must name the data (rapkit.data.NAME, --data NAME=PATH) or be a dataset")
  end
  if rows.kind ~= nil and type(rows.kind) ~= "string" then fail("rows.kind must be a dataset kind, as \"activities\"") end
  if type(rows.key) ~= "string" and type(rows.key) ~= "function" then
    fail("rows.key must be a column name or a function(record) giving the row a record belongs to")
  end
  if rows.group ~= nil and type(rows.group) ~= "string" and type(rows.group) ~= "function" then
    fail("rows.group must be a column name or a function(record)")
  end
  if rows.date ~= nil and rows.date ~= false and type(rows.date) ~= "string" then
    fail("rows.date must be a date column, or false when the records are a snapshot with no period")
  end

  if type(def.dimensions) ~= "table" or #def.dimensions == 0 then
    fail("dimensions must be a list of {name = ..., scale = {min, max}, score = function}")
  end
  local dims, names = {}, {}
  for i, d in ipairs(def.dimensions) do dims[i] = check_dimension(fail, d, i, names) end

  local weights = {}
  if def.weights == nil then
    for _, d in ipairs(dims) do weights[d.name] = 1 end
  else
    if type(def.weights) ~= "table" then fail("weights must be a table of dimension = weight") end
    for k, w in pairs(def.weights) do
      if not names[k] then
        local list = {}
        for i, d in ipairs(dims) do list[i] = d.name end
        fail(("weights name '%s', which is not a dimension (dimensions: %s)"):format(tostring(k), table.concat(list, ", ")))
      end
      if type(w) ~= "number" or w ~= w or w < 0 or w == math.huge then
        fail("the weight of '" .. k .. "' must be a number 0 or more, got " .. tostring(w))
      end
      weights[k] = w
    end
    local any = false
    for _, d in ipairs(dims) do
      if weights[d.name] == nil then
        fail("no weight for dimension '" .. d.name .. "': give every dimension a weight, or no weights (all 1)")
      end
      any = any or weights[d.name] > 0
    end
    if not any then fail("every weight is 0: at least one must count") end
  end

  local total_fn
  if def.total ~= nil and def.total ~= "weighted_sum" then
    if type(def.total) ~= "function" then
      fail("total must be \"weighted_sum\" or a function(scores, weights) returning a number or nil")
    end
    total_fn = def.total
  end
  local missing = def.missing or "reweight"
  if missing ~= "reweight" and missing ~= "missing" then
    fail("missing must be \"reweight\" (the default) or \"missing\"")
  end

  local thresholds
  if def.thresholds ~= nil then
    thresholds = check_thresholds(fail, def.thresholds, "thresholds")
  elseif total_fn then
    fail("a scheme with its own total function needs thresholds: its totals' range is unknown")
  else
    local lo, hi = 0, 0
    for _, d in ipairs(dims) do
      lo = lo + weights[d.name] * d.min
      hi = hi + weights[d.name] * d.max
    end
    thresholds = default_thresholds(lo, hi)
  end

  local scheme = setmetatable({
    name = def.name, version = tostring(def.version), title = def.title or def.name,
    description = def.description, rows = rows, dimensions = dims, weights = weights,
    total_fn = total_fn, missing = missing, thresholds = thresholds,
    where = where, source = info.source or pending_source,
  }, Scheme)
  schemes[scheme] = true
  last_defined = where
  return scheme
end

function M.is_scheme(x)
  return schemes[x] == true
end

function Scheme:__tostring()
  return "matrix scheme '" .. self.name .. "' version " .. self.version
end

-- ---- records ---------------------------------------------------------------

-- Calls a scheme's function; an error it raises is raised again with what
-- was being done, naming the line it failed on (or the function's line).
local function call_scheme_fn(fn, doing, ...)
  local ok, a, b = pcall(fn, ...)
  if ok then return a, b end
  local msg = type(a) == "string" and a or tostring(a)
  if not has_position(msg) then msg = (rapkit.where(fn) or "?") .. ": " .. msg end
  error(msg .. " (" .. doing .. ")", 0)
end

-- The scheme's line that names the data. A load error (a data error: the
-- file and line in the data) is raised from a stub compiled at that line,
-- so it names the scheme's line and not this module's.
local function load_at_scheme_line(scheme, loader, ...)
  local path, line = scheme.where:match("^(.*):(%d+)$")
  if not path then return loader(...) end
  local stub = load(string.rep("\n", tonumber(line) - 1) .. "local f, a, b, c = ... return f(a, b, c)",
                    "@" .. path, "t")
  return stub(loader, ...)
end

local function records_dataset(scheme, data)
  local src = scheme.rows.data
  if is_dataset(src) then return src end
  local given = data and data[src]
  if is_dataset(given) then return given end
  local path = given or rawget(rapkit.data, src)
  if type(path) ~= "string" then
    error(scheme.where .. ": matrix '" .. scheme.name .. "': no data for rows.data '" .. src
          .. "': give the file with --data " .. src .. "=PATH", 0)
  end
  if scheme.rows.kind then
    return (load_at_scheme_line(scheme, rapkit.load, scheme.rows.kind, path))
  end
  return (load_at_scheme_line(scheme, rapkit.read_csv, path))
end

-- The records of one period, as plain row tables, and how many were left out.
local function period_records(scheme, ds, period)
  local first, last = rapkit.period.bounds(period)
  local date_col = scheme.rows.date
  if date_col == nil then date_col = "date" end
  local records, excluded = {}, {}
  if date_col ~= false then
    local ok, t = pcall(ds.type, ds, date_col)
    if not ok or (t ~= "date" and t ~= "datetime") then
      error(scheme.where .. ": matrix '" .. scheme.name .. "': rows.date '" .. date_col .. "' must be a date or "
            .. "datetime column of the data" .. (ok and (" (it is " .. t .. ")") or " (no such column)"), 0)
    end
  end
  for row in ds:rows() do
    if date_col == false then
      records[#records + 1] = row
    else
      local d = row[date_col]
      if d == nil then
        excluded["no date"] = (excluded["no date"] or 0) + 1
      else
        local day = d:sub(1, 10)   -- the local date as written, for a datetime
        if day >= first and day <= last then records[#records + 1] = row end
      end
    end
  end
  return records, excluded, first, last
end

-- ---- score -------------------------------------------------------------

local function check_score(scheme, dim, score, evidence, key, period)
  local where = rapkit.where(dim.score) or scheme.where
  local function fail(msg)
    error(("%s: matrix '%s': dimension '%s' %s for row '%s' in %s"):format(where, scheme.name, dim.name, msg, key,
                                                                            period), 0)
  end
  if score == rapkit.MISSING then score = nil end
  if score ~= nil then
    if type(score) ~= "number" or score ~= score then
      fail("scored " .. (type(score) == "number" and "NaN" or ("a " .. type(score))) .. ", not a number or nil")
    end
    if score < dim.min or score > dim.max then
      fail("scored " .. fmt(score, 6) .. ", outside its scale " .. fmt(dim.min) .. " to " .. fmt(dim.max))
    end
    if dim.labels and score ~= math.floor(score) then
      fail("scored " .. fmt(score, 6) .. ", but its labelled scale takes whole numbers")
    end
  end
  if evidence ~= nil and type(evidence) ~= "string" then
    if type(evidence) == "number" then evidence = fmt(evidence, 6)
    else fail("gave a " .. type(evidence) .. " as its evidence note, not text") end
  end
  return score, evidence
end

-- The total of a row's cells under the weights: weighted sum, reweighted
-- over the dimensions scored (or missing, with missing = "missing"), or the
-- scheme's own function. Returns the total and whether it was reweighted.
local function total_of(scheme, scores, weights, key, period)
  if scheme.total_fn then
    local copy_s, copy_w = {}, {}
    for k, v in pairs(scores) do copy_s[k] = v end
    for k, v in pairs(weights) do copy_w[k] = v end
    local t = call_scheme_fn(scheme.total_fn, "total of row '" .. key .. "' in " .. period, copy_s, copy_w)
    if t == rapkit.MISSING then t = nil end
    if t ~= nil and (type(t) ~= "number" or t ~= t or math.abs(t) == math.huge) then
      error(("%s: matrix '%s': the total function gave %s for row '%s' in %s, not a number or nil")
            :format(rapkit.where(scheme.total_fn) or scheme.where, scheme.name, tostring(t), key, period), 0)
    end
    return t, false
  end
  local sum, w_scored, w_all, n_scored = 0, 0, 0, 0
  for _, d in ipairs(scheme.dimensions) do
    local w = weights[d.name]
    w_all = w_all + w
    if scores[d.name] ~= nil then
      sum = sum + w * scores[d.name]
      w_scored = w_scored + w
      n_scored = n_scored + 1
    end
  end
  if n_scored == #scheme.dimensions then return sum, false end
  if n_scored == 0 or scheme.missing == "missing" or w_scored == 0 then return nil, false end
  return sum * w_all / w_scored, true
end

-- Competition ranks (1, 2, 2, 4) of rows by total, highest first; rows
-- without a total get none. `totals[i]` is row i's total.
local function ranks_of(totals, n)
  local order = {}
  for i = 1, n do if totals[i] ~= nil then order[#order + 1] = i end end
  table.sort(order, function(a, b)
    if math.abs(totals[a] - totals[b]) > EPS then return totals[a] > totals[b] end
    return a < b
  end)
  local ranks = {}
  for pos, i in ipairs(order) do
    local prev = order[pos - 1]
    ranks[i] = (prev and math.abs(totals[prev] - totals[i]) <= EPS) and ranks[prev] or pos
  end
  return ranks, #order
end

-- The third a rank falls in: 1 top, 2 middle, 3 bottom.
local function band_of(rank, n)
  if rank == nil then return nil end
  return math.floor(3 * (rank - 1) / n) + 1
end

local function group_of(scheme, records, key, period)
  local g = scheme.rows.group
  if g == nil then return nil end
  local seen, values = {}, {}
  for _, rec in ipairs(records) do
    local v
    if type(g) == "function" then
      v = call_scheme_fn(g, "group of row '" .. key .. "' in " .. period, rec)
    else
      v = rec[g]
    end
    if v ~= nil and not seen[tostring(v)] then
      seen[tostring(v)] = true
      values[#values + 1] = tostring(v)
    end
  end
  table.sort(values)
  return table.concat(values, ", ")
end

local SCORE_KEYS = {data = true, period = true}

-- Scores the scheme on the records of a period. opts: period (required),
-- data (a table of name = dataset or path; default rapkit.data).
local function score(scheme, opts, level)
  level = (level or 1) + 1
  if type(opts) ~= "table" then error("matrix: score needs a table of options, as {period = \"2025-26 Q2\"}", level) end
  for k in pairs(opts) do
    if not SCORE_KEYS[k] then error("matrix: score: unknown option '" .. tostring(k) .. "' (options: data, period)", level) end
  end
  if type(opts.period) ~= "string" or not pcall(rapkit.period.bounds, opts.period) then
    error("matrix: score: period must be a period such as \"2025-26 Q2\", got " .. tostring(opts.period), level)
  end
  local period = opts.period
  local ds = records_dataset(scheme, opts.data)
  local records, excluded, first, last = period_records(scheme, ds, period)

  -- Records by row key, rows in the order they first appear.
  local by_key, keys = {}, {}
  local key_spec = scheme.rows.key
  if type(key_spec) == "string" then
    local ok = pcall(ds.type, ds, key_spec)
    if not ok then
      error(scheme.where .. ": matrix '" .. scheme.name .. "': rows.key '" .. key_spec .. "' is not a column of the data (columns: "
            .. table.concat(ds:names(), ", ") .. ")", 0)
    end
  end
  for _, rec in ipairs(records) do
    local key
    if type(key_spec) == "function" then
      key = call_scheme_fn(key_spec, "row key of a record in " .. period, rec)
    else
      key = rec[key_spec]
    end
    if key == nil or key == rapkit.MISSING then
      excluded["no row key"] = (excluded["no row key"] or 0) + 1
    else
      key = tostring(key)
      if not by_key[key] then
        by_key[key] = {}
        keys[#keys + 1] = key
      end
      table.insert(by_key[key], rec)
    end
  end

  local ctx = {period = period, first = first, last = last}
  local rows = {}
  for _, key in ipairs(keys) do
    local recs = by_key[key]
    local row = {key = key, records = #recs, cells = {}, scores = {}, scored = 0,
                 group = group_of(scheme, recs, key, period)}
    for _, dim in ipairs(scheme.dimensions) do
      local s, evidence = call_scheme_fn(dim.score, "dimension '" .. dim.name .. "', row '" .. key .. "', " .. period,
                                         recs, ctx)
      s, evidence = check_score(scheme, dim, s, evidence, key, period)
      row.cells[dim.name] = {score = s, evidence = evidence, level = level_of(dim.thresholds, s)}
      row.scores[dim.name] = s
      if s ~= nil then row.scored = row.scored + 1 end
    end
    row.total, row.reweighted = total_of(scheme, row.scores, scheme.weights, key, period)
    row.level = level_of(scheme.thresholds, row.total)
    rows[#rows + 1] = row
  end

  -- Highest total first; rows without a total last; ties by key.
  table.sort(rows, function(a, b)
    if (a.total == nil) ~= (b.total == nil) then return a.total ~= nil end
    if a.total ~= nil and math.abs(a.total - b.total) > EPS then return a.total > b.total end
    return a.key < b.key
  end)
  local totals = {}
  for i, r in ipairs(rows) do totals[i] = r.total end
  local ranks, ranked = ranks_of(totals, #rows)
  local index = {}
  for i, r in ipairs(rows) do
    r.rank = ranks[i]
    r.band = band_of(r.rank, ranked)
    index[r.key] = r
  end
  return {scheme = scheme, period = period, first = first, last = last, rows = rows, by_key = index,
          ranked = ranked, used = #records, excluded = excluded, source = ds}
end

function Scheme:score(opts)
  return score(self, opts, 2)
end

-- ---- compare two periods ---------------------------------------------------

-- The change in every cell, total and level from `before` to `now` (two
-- results of one scheme). Returns a list of rows in `now`'s order, then the
-- rows only `before` has.
function M.compare(now, before)
  if now.scheme ~= before.scheme then error("matrix.compare: the two results come from different schemes", 2) end
  local scheme = now.scheme
  local out = {}
  local function entry(key, a, b)
    local e = {key = key, now = a, before = b, group = (a or b).group, cells = {}}
    for _, d in ipairs(scheme.dimensions) do
      local x = b and b.scores[d.name]
      local y = a and a.scores[d.name]
      e.cells[d.name] = {before = x, after = y, change = (x ~= nil and y ~= nil) and (y - x) or nil}
    end
    local x, y = b and b.total, a and a.total
    e.total = {before = x, after = y, change = (x ~= nil and y ~= nil) and (y - x) or nil}
    e.level_before = b and b.level
    e.level_after = a and a.level
    if not b then e.direction = "new"
    elseif not a then e.direction = "gone"
    elseif e.level_before and e.level_after then
      local d = e.level_after.order - e.level_before.order
      e.direction = d > 0 and "up" or d < 0 and "down" or "same"
    end
    return e
  end
  for _, r in ipairs(now.rows) do out[#out + 1] = entry(r.key, r, before.by_key[r.key]) end
  for _, r in ipairs(before.rows) do
    if not now.by_key[r.key] then out[#out + 1] = entry(r.key, nil, r) end
  end
  return out
end

-- Rows whose total changed most (up to n), largest change first.
local function biggest_movers(changes, n)
  local movers = {}
  for _, e in ipairs(changes) do
    if e.total.change and math.abs(e.total.change) > EPS then movers[#movers + 1] = e end
  end
  table.sort(movers, function(a, b)
    local x, y = math.abs(a.total.change), math.abs(b.total.change)
    if math.abs(x - y) > EPS then return x > y end
    return a.key < b.key
  end)
  local top = {}
  for i = 1, math.min(n, #movers) do top[i] = movers[i] end
  return top
end

-- ---- agreement of two schemes ------------------------------------------------

-- Rank agreement of two results on the same rows: Spearman and Kendall over
-- the rows both scored with a total, and the rows whose rank (among those
-- rows) or RAG level differs.
function M.agreement(a, b)
  local common = {}
  for _, r in ipairs(a.rows) do
    local other = b.by_key[r.key]
    if r.total ~= nil and other and other.total ~= nil then common[#common + 1] = r.key end
  end
  local xs, ys = {}, {}
  for i, key in ipairs(common) do
    xs[i] = a.by_key[key].total
    ys[i] = b.by_key[key].total
  end
  local rank_a = ranks_of(xs, #common)
  local rank_b = ranks_of(ys, #common)
  local result = {a = a, b = b, n = #common, rows = {}}
  if #common >= 2 then
    result.spearman = rapkit.stats.spearman(xs, ys)
    result.kendall = rapkit.stats.kendall(xs, ys)
  end
  for i, key in ipairs(common) do
    local ra, rb = a.by_key[key], b.by_key[key]
    result.rows[i] = {key = key, rank_a = rank_a[i], rank_b = rank_b[i], level_a = ra.level, level_b = rb.level,
                      rank_moves = rank_a[i] ~= rank_b[i], level_moves = ra.level.rag ~= rb.level.rag}
  end
  local function only(x, y)
    local keys = {}
    for _, r in ipairs(x.rows) do
      if r.total ~= nil and not (y.by_key[r.key] and y.by_key[r.key].total ~= nil) then keys[#keys + 1] = r.key end
    end
    return keys
  end
  result.only_a, result.only_b = only(a, b), only(b, a)
  return result
end

-- ---- sensitivity to the weights ------------------------------------------------

-- Draws new weights `draws` times, each weight times 1 + u with u uniform
-- in [-spread, +spread) (rapkit.stats.random(seed), the same draws on every
-- machine: dimensions in scheme order within a draw), and counts for each
-- row how often it keeps its level and its rank band (top, middle or
-- bottom third).
function M.sensitivity(result, opts)
  opts = opts or {}
  local draws = opts.draws
  if math.type(draws) ~= "integer" or draws < 1 then error("matrix.sensitivity: draws must be a whole number, 1 or more", 2) end
  local seed = opts.seed or DEFAULT_SEED
  if math.type(seed) ~= "integer" then error("matrix.sensitivity: seed must be a whole number", 2) end
  local spread = opts.spread or DEFAULT_SPREAD
  if type(spread) ~= "number" or not (spread > 0 and spread < 1) then
    error("matrix.sensitivity: spread must be a fraction above 0 and below 1 (0.2 for +/-20%)", 2)
  end
  local scheme = result.scheme
  local rows = {}
  for _, r in ipairs(result.rows) do
    if r.total ~= nil then rows[#rows + 1] = r end
  end
  local n = #rows
  local stats = {}
  for i = 1, n do stats[i] = {level_kept = 0, band_kept = 0, rank_min = math.huge, rank_max = 0} end
  local rng = rapkit.stats.random(seed)
  for _ = 1, draws do
    local w = {}
    for _, d in ipairs(scheme.dimensions) do
      w[d.name] = scheme.weights[d.name] * (1 + spread * (2 * rng:uniform() - 1))
    end
    local totals = {}
    for i, r in ipairs(rows) do
      totals[i] = total_of(scheme, r.scores, w, r.key, result.period)
    end
    local ranks, ranked = ranks_of(totals, n)
    for i, r in ipairs(rows) do
      local s = stats[i]
      local level = level_of(scheme.thresholds, totals[i])
      if level == r.level then s.level_kept = s.level_kept + 1 end
      if ranks[i] then
        if band_of(ranks[i], ranked) == r.band then s.band_kept = s.band_kept + 1 end
        s.rank_min = math.min(s.rank_min, ranks[i])
        s.rank_max = math.max(s.rank_max, ranks[i])
      end
    end
  end
  local out = {draws = draws, seed = seed, spread = spread, rows = {}}
  for i, r in ipairs(rows) do
    local s = stats[i]
    out.rows[i] = {key = r.key, row = r, level_kept = s.level_kept, band_kept = s.band_kept,
                   level_share = s.level_kept / draws, band_share = s.band_kept / draws,
                   rank_min = s.rank_min ~= math.huge and s.rank_min or nil,
                   rank_max = s.rank_max > 0 and s.rank_max or nil,
                   robust = s.level_kept / draws >= ROBUST_SHARE}
  end
  return out
end

-- ---- outputs ------------------------------------------------------------------

local function basename(path)
  return (tostring(path):match("([^/]+)$")) or tostring(path)
end

-- A column name as a heading ("workstream_name" -> "Workstream name"), or
-- `fallback` for a function.
local function heading_of(col, fallback)
  if type(col) ~= "string" then return fallback end
  return (col:gsub("_", " "):gsub("^%l", string.upper))
end

local function row_title(scheme)
  return scheme.rows.title or heading_of(scheme.rows.key, "Row")
end

local function group_title(scheme)
  return heading_of(scheme.rows.group, "Group")
end

local function score_text(d, s)
  if s == nil then return "[x]" end
  local t = fmt(s, 2)
  if d.labels then t = t .. " " .. d.labels[s - d.min + 1] end
  return t
end

local function scale_text(d)
  return fmt(d.min) .. "-" .. fmt(d.max)
end

-- "High (G) 14 or more, Medium (A) 8 to under 14, Low (R) under 8"
local function levels_text(thresholds)
  local parts = {}
  for i = #thresholds, 1, -1 do
    local t = thresholds[i]
    local letter = t.rag:sub(1, 1):upper()
    local range
    if #thresholds == 1 then range = "any total"
    elseif i == #thresholds then range = fmt(t.min) .. " or more"
    elseif i == 1 then range = "under " .. fmt(thresholds[2].min)
    else range = fmt(t.min) .. " to under " .. fmt(thresholds[i + 1].min) end
    parts[#parts + 1] = t.level .. " (" .. letter .. ") " .. range
  end
  return table.concat(parts, ", ")
end

local function weights_text(scheme)
  local parts = {}
  for _, d in ipairs(scheme.dimensions) do parts[#parts + 1] = d.name .. " " .. fmt(scheme.weights[d.name], 4) end
  return table.concat(parts, ", ")
end

local function total_rule(scheme)
  if scheme.total_fn then
    return "the total is the scheme's own function (" .. (rapkit.where(scheme.total_fn) or "?") .. ")"
  end
  local rule = "the total is the weighted sum of the scores (weights: " .. weights_text(scheme) .. ")"
  if scheme.missing == "reweight" then
    return rule .. "; a row with a missing score has its total reweighted over the dimensions scored"
  end
  return rule .. "; a row with a missing score has no total"
end

-- A row's name for a chart: long names keep their start and their end
-- ("Women in Shade gro...session 6 of 6"), so the grid keeps its width.
local MAX_LABEL_CHARS = 34

local function short_name(key)
  local n = utf8.len(key)
  if n == nil or n <= MAX_LABEL_CHARS then return key end
  return key:sub(1, utf8.offset(key, 18) - 1) .. "\u{2026}" .. key:sub(utf8.offset(key, -11))
end

-- Chart labels for rows, each unique.
local function chart_labels(rows)
  local labels, used = {}, {}
  for i, r in ipairs(rows) do
    local base = short_name(r.key)
    local label, n = base, 1
    while used[label] do
      n = n + 1
      label = base .. " #" .. n
    end
    used[label] = true
    labels[i] = label
  end
  return labels
end

-- Page size in mm, wide enough for the chart's text at its body size (12
-- pt, about 2.3 mm a character). The heatmap cuts a row label longer than
-- 35% of the page, so the page widens with the longest row name. It wraps a
-- column label between words, so only the longest single word must fit a
-- cell; failing that it shrinks the labels (down to 8 pt), so a word a little
-- wider than estimated costs a point of size, not an overlap. Up to A4
-- landscape.
local function chart_size(labels, cols)
  local widest_label, longest_word = 0, 0
  for _, l in ipairs(labels) do widest_label = math.max(widest_label, utf8.len(l) or #l) end
  for _, c in ipairs(cols) do
    for word in c:gmatch("%S+") do longest_word = math.max(longest_word, utf8.len(word) or #word) end
  end
  local cell, label = math.max(20, 2.3 * longest_word + 5), 2.35 * widest_label
  local width = math.min(297, math.max(170, label + #cols * cell + 16, label / 0.35))
  return math.floor(width + 0.5), math.min(270, math.max(110, 75 + 9 * #labels))
end

-- The heatmap of a result as a chart (nil when no row was scored): rows
-- sorted by total, a column per dimension and the total, levels as colour
-- and letter. write_heatmap saves it; a board pack's figure draws it.
function M.heatmap(result)
  local scheme = result.scheme
  local row_labels, cols, rows_col, dims_col, cells, rags = {}, {}, {}, {}, {}, {}
  for _, d in ipairs(scheme.dimensions) do cols[#cols + 1] = d.name end
  cols[#cols + 1] = "Total"
  local labels = chart_labels(result.rows)
  for i, r in ipairs(result.rows) do
    local label = labels[i]
    row_labels[#row_labels + 1] = label
    for _, d in ipairs(scheme.dimensions) do
      local cell = r.cells[d.name]
      rows_col[#rows_col + 1] = label
      dims_col[#dims_col + 1] = d.name
      cells[#cells + 1] = {value = cell.score, base = 2, thresholds = d.thresholds}
      rags[#rags + 1] = cell.level and cell.level.rag or rapkit.MISSING
    end
    rows_col[#rows_col + 1] = label
    dims_col[#dims_col + 1] = "Total"
    cells[#cells + 1] = {value = r.total, base = 1, thresholds = scheme.thresholds}
    rags[#rags + 1] = r.level and r.level.rag or rapkit.MISSING
  end
  local values, places = grid_values(cells)
  if #result.rows == 0 then return nil end
  local first = {}
  for _, r in ipairs(result.rows) do if r.rank == 1 then first[#first + 1] = r.key end end
  local title = #first == 0 and (scheme.title .. ": no row has a total")
                or #first == 1 and (first[1] .. " scores highest on the " .. scheme.title .. " matrix")
                or #first == 2 and (first[1] .. " and " .. first[2] .. " score highest on the " .. scheme.title
                                    .. " matrix")
                or (#first .. " rows share the highest total on the " .. scheme.title .. " matrix")
  local w, h = chart_size(row_labels, cols)
  local chart = rapkit.chart.heatmap{
    data = rapkit.dataset{row = rows_col, dimension = dims_col, score = values, rag = rags,
                          names = {"row", "dimension", "score", "rag"}},
    row = "row", col = "dimension", value = "score", level = "rag", scale = "rag",
    rows = row_labels, cols = cols,
    title = title,
    subtitle = "Scores by dimension and weighted total, " .. result.period .. ". Total's level: "
               .. levels_text(scheme.thresholds) .. ". Other cells: R, A, G for the low, middle or top "
               .. "third of the dimension's scale",
    source = "Source: " .. basename(rawget(rapkit.data, scheme.rows.data) or scheme.rows.data)
             .. "; scheme " .. scheme.name .. " version " .. scheme.version,
    x_title = "Dimension", y_title = row_title(scheme),
    width = w, height = h, decimals = places,
  }
  return chart
end

local function write_heatmap(dir, result)
  local chart = M.heatmap(result)
  if not chart then return false end
  for _, ext in ipairs({"png", "svg", "pdf"}) do chart:save(dir .. "/heatmap." .. ext) end
  return true
end

local function write_change_chart(dir, result, before, changes)
  local scheme = result.scheme
  local cols, labels, rows_col, dims_col, cells = {}, {}, {}, {}, {}
  for _, d in ipairs(scheme.dimensions) do cols[#cols + 1] = d.name end
  cols[#cols + 1] = "Total"
  -- Rows scored in one period only have no change to draw: change.csv and
  -- the subtitle tell of them.
  local both, one_only = {}, 0
  for _, e in ipairs(changes) do
    if e.now and e.before then both[#both + 1] = e else one_only = one_only + 1 end
  end
  local names = chart_labels(both)
  for i, e in ipairs(both) do
    local label = names[i]
    labels[#labels + 1] = label
    for _, d in ipairs(scheme.dimensions) do
      rows_col[#rows_col + 1] = label
      dims_col[#dims_col + 1] = d.name
      cells[#cells + 1] = {value = e.cells[d.name].change, base = 2}
    end
    rows_col[#rows_col + 1] = label
    dims_col[#dims_col + 1] = "Total"
    cells[#cells + 1] = {value = e.total.change, base = 1}
  end
  if #both == 0 then return end
  local values, places = grid_values(cells)
  local mover = biggest_movers(both, 1)[1]
  local title = mover and (mover.key .. (mover.total.change > 0 and " rose" or " fell") .. " most from "
                           .. before.period .. " to " .. result.period)
                or ("No total changed from " .. before.period .. " to " .. result.period)
  local w, h = chart_size(labels, cols)
  rapkit.chart.heatmap{
    data = rapkit.dataset{row = rows_col, dimension = dims_col, change = values,
                          names = {"row", "dimension", "change"}},
    row = "row", col = "dimension", value = "change", scale = "sequential",
    rows = labels, cols = cols,
    title = title,
    subtitle = "Change in each score and in the weighted total, " .. result.period .. " minus " .. before.period
               .. "; [x] where either period has no score"
               .. (one_only > 0 and ("; " .. plural(one_only, "row", "rows") .. " scored in one period only not shown")
                   or ""),
    source = "Source: " .. basename(rawget(rapkit.data, scheme.rows.data) or scheme.rows.data)
             .. "; scheme " .. scheme.name .. " version " .. scheme.version,
    x_title = "Dimension", y_title = row_title(scheme),
    width = w, height = h, decimals = places,
  }:save(dir .. "/change.png")
end

local function table_csv(result)
  local scheme = result.scheme
  local header = {"scheme", "version", "period", "rank", row_title(scheme)}
  if scheme.rows.group then header[#header + 1] = group_title(scheme) end
  header[#header + 1] = "records"
  for _, d in ipairs(scheme.dimensions) do header[#header + 1] = d.name end
  for _, h in ipairs({"total", "level", "rag", "dimensions_scored", "total_reweighted"}) do header[#header + 1] = h end
  for _, d in ipairs(scheme.dimensions) do header[#header + 1] = d.name .. " evidence" end
  local out = {csv_line(header)}
  for _, r in ipairs(result.rows) do
    local f = {scheme.name, scheme.version, result.period, r.rank or "", r.key}
    if scheme.rows.group then f[#f + 1] = r.group end
    f[#f + 1] = r.records
    for _, d in ipairs(scheme.dimensions) do f[#f + 1] = fmt(r.scores[d.name], 6) end
    f[#f + 1] = fmt(r.total, 4)
    f[#f + 1] = r.level and r.level.level or ""
    f[#f + 1] = r.level and r.level.rag or ""
    f[#f + 1] = r.scored
    f[#f + 1] = r.reweighted and "yes" or "no"
    for _, d in ipairs(scheme.dimensions) do f[#f + 1] = r.cells[d.name].evidence or "" end
    out[#out + 1] = csv_line(f)
  end
  return table.concat(out)
end

local function heading(result)
  local s = result.scheme
  return s.title .. " (scheme " .. s.name .. ", version " .. s.version .. ")"
end

local function records_sentence(result)
  local s = plural(#result.rows, "row", "rows") .. " scored from " .. plural(result.used, "record", "records")
  if result.scheme.rows.date ~= false then
    s = s .. " dated " .. result.first .. " to " .. result.last
  else
    s = s .. " (a snapshot: every record counts, whatever its date)"
  end
  local left = {}
  for _, reason in ipairs(sorted_keys(result.excluded)) do
    left[#left + 1] = reason .. " (" .. fmt(result.excluded[reason]) .. ")"
  end
  if #left > 0 then s = s .. "; left out: " .. table.concat(left, ", ") end
  return s .. "."
end

local function table_md(result)
  local scheme = result.scheme
  local out = {"# " .. md_cell(heading(result) .. ": scores, " .. result.period) .. "\n\n",
               md_cell(records_sentence(result)), "\n\n"}
  local header, align = {"Rank", row_title(scheme)}, {"---:", "---"}
  if scheme.rows.group then header[#header + 1] = group_title(scheme); align[#align + 1] = "---" end
  for _, d in ipairs(scheme.dimensions) do
    header[#header + 1] = d.name .. " (" .. scale_text(d) .. ")"
    align[#align + 1] = "---"
  end
  for _, h in ipairs({"Total", "Level", "Scored"}) do header[#header + 1] = h end
  for _, a in ipairs({"---:", "---", "---:"}) do align[#align + 1] = a end
  out[#out + 1] = md_row(header)
  out[#out + 1] = "|" .. table.concat(align, "|") .. "|\n"
  for _, r in ipairs(result.rows) do
    local f = {r.rank or "", r.key}
    if scheme.rows.group then f[#f + 1] = r.group end
    for _, d in ipairs(scheme.dimensions) do f[#f + 1] = score_text(d, r.scores[d.name]) end
    f[#f + 1] = r.total == nil and "[x]" or (fmt(r.total, 2, scheme.thresholds) .. (r.reweighted and "*" or ""))
    f[#f + 1] = r.level and r.level.level or "[x]"
    f[#f + 1] = r.scored .. " of " .. #scheme.dimensions
    out[#out + 1] = md_row(f)
  end
  out[#out + 1] = "\n[x]: no score (missing, never 0). * reweighted total. Levels: "
                  .. md_cell(levels_text(scheme.thresholds) .. "; " .. total_rule(scheme)) .. ".\n"
  out[#out + 1] = "\n## Evidence\n"
  for _, r in ipairs(result.rows) do
    out[#out + 1] = "\n### " .. md_cell(r.key) .. "\n\n"
    for _, d in ipairs(scheme.dimensions) do
      local cell = r.cells[d.name]
      out[#out + 1] = "- " .. md_cell(d.name) .. ": " .. md_cell(score_text(d, cell.score))
                      .. (cell.evidence and cell.evidence ~= "" and (": " .. md_cell(cell.evidence)) or "") .. "\n"
    end
  end
  return table.concat(out)
end

-- The change table: a header and one line per row and measure.
local function change_rows(result, before, changes)
  local scheme = result.scheme
  local header = {"scheme", "version", "period_before", "period_after", row_title(scheme), group_title(scheme),
                  "measure", "before", "after", "change", "direction"}
  local rows = {}
  local function line(fields)
    rows[#rows + 1] = {scheme.name, scheme.version, before.period, result.period, table.unpack(fields)}
  end
  local function dir_of(c)
    if c == nil then return "" end
    return c > EPS and "up" or c < -EPS and "down" or "same"
  end
  for _, e in ipairs(changes) do
    for _, d in ipairs(scheme.dimensions) do
      local c = e.cells[d.name]
      line({e.key, e.group, d.name, fmt(c.before, 6), fmt(c.after, 6), fmt(c.change, 6), dir_of(c.change)})
    end
    line({e.key, e.group, "Total", fmt(e.total.before, 4), fmt(e.total.after, 4), fmt(e.total.change, 4),
          dir_of(e.total.change)})
    line({e.key, e.group, "Level", e.level_before and e.level_before.level or "",
          e.level_after and e.level_after.level or "", "", e.direction or ""})
  end
  return header, rows
end

local function change_csv(result, before, changes)
  local header, rows = change_rows(result, before, changes)
  local out = {csv_line(header)}
  for _, r in ipairs(rows) do out[#out + 1] = csv_line(r) end
  return table.concat(out)
end

-- The same table in Markdown, so change.md (also the chart's companion
-- name) says what change.csv says.
local function change_md(result, before, changes)
  local header, rows = change_rows(result, before, changes)
  local align = {}
  for i = 1, #header do align[i] = (i >= 8 and i <= 10) and "---:" or "---" end
  local out = {md_row(header), "|" .. table.concat(align, "|") .. "|\n"}
  for _, r in ipairs(rows) do out[#out + 1] = md_row(r) end
  return table.concat(out)
end

local function sensitivity_csv(result, sens)
  local scheme = result.scheme
  local out = {csv_line({"scheme", "version", "period", "seed", "spread", "row", "total", "level", "rank", "band",
                         "draws", "level_kept", "level_kept_share", "band_kept", "band_kept_share", "rank_min",
                         "rank_max", "robust"})}
  for _, s in ipairs(sens.rows) do
    local r = s.row
    out[#out + 1] = csv_line({scheme.name, scheme.version, result.period, sens.seed, fmt(sens.spread, 6), s.key,
                              fmt(r.total, 4), r.level.level, r.rank, BAND_NAMES[r.band], sens.draws,
                              s.level_kept, string.format("%.3f", s.level_share), s.band_kept,
                              string.format("%.3f", s.band_share), s.rank_min or "", s.rank_max or "",
                              s.robust and "yes" or "no"})
  end
  return table.concat(out)
end

local function percent(share)
  return string.format("%d%%", math.floor(share * 100 + 0.5))
end

local function agreement_md(ag)
  local a, b = ag.a, ag.b
  local na, nb = a.scheme.name, b.scheme.name
  local out = {"# " .. md_cell("Agreement: " .. na .. " (version " .. a.scheme.version .. ") against " .. nb
                              .. " (version " .. b.scheme.version .. "), " .. a.period) .. "\n\n"}
  out[#out + 1] = "| Measure | Value |\n|---|---:|\n"
  out[#out + 1] = md_row({"Rows with a total in both schemes", ag.n})
  local function coef(r)
    if not r then return "not computable (fewer than 2 rows)" end
    return r.estimate and string.format("%.3f", r.estimate) or ("none: " .. r.flag)
  end
  out[#out + 1] = md_row({"Spearman's rho", coef(ag.spearman)})
  out[#out + 1] = md_row({"Kendall's tau-b", coef(ag.kendall)})
  out[#out + 1] = "\nBoth compare the two schemes' totals over the rows both scored: 1 is the same order, "
                  .. "0 no relation, -1 the reverse. Ties share their mean rank (Spearman) or count as "
                  .. "neither agreeing nor disagreeing (Kendall's tau-b). Ranks below are among those rows, "
                  .. "1 the highest total, ties sharing a rank. Levels are compared by their RAG colour, "
                  .. "since schemes name their levels differently.\n"
  out[#out + 1] = "\n## Rows that move\n\n"
  local moving = {}
  for _, r in ipairs(ag.rows) do
    if r.rank_moves or r.level_moves then moving[#moving + 1] = r end
  end
  if #moving == 0 then
    out[#out + 1] = "No row changes rank or level between the schemes.\n"
  else
    out[#out + 1] = md_row({"Row", "Rank (" .. na .. ")", "Rank (" .. nb .. ")", "Level (" .. na .. ")",
                            "Level (" .. nb .. ")", "Moves"})
    out[#out + 1] = "|---|---:|---:|---|---|---|\n"
    for _, r in ipairs(moving) do
      local what = {}
      if r.rank_moves then what[#what + 1] = "rank" end
      if r.level_moves then what[#what + 1] = "level" end
      out[#out + 1] = md_row({r.key, r.rank_a, r.rank_b, r.level_a.level .. " (" .. r.level_a.rag .. ")",
                              r.level_b.level .. " (" .. r.level_b.rag .. ")", table.concat(what, " and ")})
    end
  end
  if #ag.only_a > 0 or #ag.only_b > 0 then
    out[#out + 1] = "\n## Rows with a total in one scheme only\n\n"
    for _, side in ipairs({{na, ag.only_a}, {nb, ag.only_b}}) do
      if #side[2] > 0 then
        out[#out + 1] = "- " .. md_cell("only " .. side[1] .. ": " .. table.concat(side[2], ", ")) .. "\n"
      end
    end
  end
  return table.concat(out)
end

local function summary_md(result, extra)
  local scheme = result.scheme
  local out = {"# " .. md_cell(heading(result) .. ": summary, " .. result.period) .. "\n\n"}
  out[#out + 1] = md_cell(records_sentence(result) .. " The scheme as run is in scheme.lua; " .. total_rule(scheme))
                  .. ".\n\n## Highest and lowest\n\n"
  local ranked = {}
  for _, r in ipairs(result.rows) do if r.total ~= nil then ranked[#ranked + 1] = r end end
  local function total_text(v) return fmt(v, 2, scheme.thresholds) end
  local function who(r) return r.key .. " (" .. total_text(r.total) .. ", " .. r.level.level .. ")" end
  if #ranked == 0 then
    out[#out + 1] = "No row has a total.\n"
  else
    -- Rows tied on the highest (or lowest) total are named together.
    local top, bottom = {}, {}
    for _, r in ipairs(ranked) do
      if r.rank == 1 then top[#top + 1] = r.key end
      if math.abs(r.total - ranked[#ranked].total) <= EPS then bottom[#bottom + 1] = r.key end
    end
    local high, low = ranked[1], ranked[#ranked]
    local s = #top == 1 and (high.key .. " has the highest total, ")
              or (join_and(top) .. " share the highest total, ")
    s = s .. total_text(high.total) .. " (" .. high.level.level .. ")"
    local next_ones = {}
    for i = #top + 1, math.min(#top + 2, #ranked - #bottom) do next_ones[#next_ones + 1] = who(ranked[i]) end
    if #next_ones > 0 then s = s .. ", followed by " .. join_and(next_ones) end
    s = s .. "."
    if ranked[1].rank ~= low.rank then
      s = s .. " " .. (#bottom == 1 and (low.key .. " has the lowest, ") or (join_and(bottom) .. " share the lowest, "))
          .. total_text(low.total) .. " (" .. low.level.level .. ")."
    end
    local counts = {}
    for i = #scheme.thresholds, 1, -1 do
      local t = scheme.thresholds[i]
      local n = 0
      for _, r in ipairs(ranked) do if r.level == t then n = n + 1 end end
      counts[#counts + 1] = fmt(n) .. " " .. t.level
    end
    out[#out + 1] = md_cell(s .. " Levels: " .. join_and(counts)) .. ".\n"
  end
  out[#out + 1] = "\n## Missing scores\n\n"
  -- Rows grouped by the dimensions they miss, in the order first met.
  local gaps, order = {}, {}
  for _, r in ipairs(result.rows) do
    local missing = {}
    for _, d in ipairs(scheme.dimensions) do
      if r.scores[d.name] == nil then missing[#missing + 1] = d.name end
    end
    if #missing > 0 then
      local k = table.concat(missing, "\0")
      if not gaps[k] then
        gaps[k] = {dims = missing, rows = {}}
        order[#order + 1] = k
      end
      table.insert(gaps[k].rows, r.key)
    end
  end
  if #order == 0 then
    out[#out + 1] = "Every row has a score on every dimension.\n"
  else
    local parts = {}
    for _, k in ipairs(order) do
      parts[#parts + 1] = "No score for " .. join_and(gaps[k].dims) .. ": " .. join_and(gaps[k].rows) .. "."
    end
    local effect = scheme.total_fn and "the scheme's total function decides their totals"
                   or scheme.missing == "reweight" and "their totals are reweighted over the dimensions scored"
                   or "they have no total"
    out[#out + 1] = "A missing score is shown as [x], never as 0; " .. effect .. ". " .. md_cell(table.concat(parts, " "))
                    .. "\n"
  end

  if extra.changes then
    out[#out + 1] = "\n## Change since " .. md_cell(extra.before.period) .. "\n\n"
    local movers = biggest_movers(extra.changes, 3)
    if #movers == 0 then
      out[#out + 1] = "No row scored in both periods changed its total."
    else
      local parts = {}
      for _, e in ipairs(movers) do
        local p = e.key .. (e.total.change > 0 and " rose" or " fell") .. " from " .. total_text(e.total.before)
                  .. " to " .. total_text(e.total.after) .. " (" .. signed(e.total.change, 2) .. ")"
        if e.level_before ~= e.level_after then
          p = p .. ", " .. e.level_before.level .. " to " .. e.level_after.level
        end
        parts[#parts + 1] = p
      end
      out[#out + 1] = "Biggest movers: " .. md_cell(table.concat(parts, "; ")) .. "."
    end
    local new, gone, up, down = {}, {}, {}, {}
    for _, e in ipairs(extra.changes) do
      if e.direction == "new" then new[#new + 1] = e.key
      elseif e.direction == "gone" then gone[#gone + 1] = e.key
      elseif e.direction == "up" then up[#up + 1] = e.key
      elseif e.direction == "down" then down[#down + 1] = e.key end
    end
    if #up > 0 then out[#out + 1] = md_cell(" Level up: " .. join_and(up) .. ".") end
    if #down > 0 then out[#out + 1] = md_cell(" Level down: " .. join_and(down) .. ".") end
    if #new > 0 then out[#out + 1] = md_cell(" Scored in " .. result.period .. " only: " .. join_and(new) .. ".") end
    if #gone > 0 then
      out[#out + 1] = md_cell(" Scored in " .. extra.before.period .. " only: " .. join_and(gone) .. ".")
    end
    out[#out + 1] = " Every cell's change is in change.csv.\n"
  end

  if extra.agreement then
    local ag = extra.agreement
    out[#out + 1] = "\n## Against " .. md_cell(ag.b.scheme.name) .. "\n\n"
    if ag.spearman and ag.spearman.estimate and ag.kendall.estimate then
      local moves_rank, moves_level = {}, {}
      for _, r in ipairs(ag.rows) do
        if r.rank_moves then moves_rank[#moves_rank + 1] = r.key end
        if r.level_moves then moves_level[#moves_level + 1] = r.key end
      end
      out[#out + 1] = "Over the " .. plural(ag.n, "row", "rows") .. " both schemes score, their rankings agree with "
                      .. "Spearman's rho " .. string.format("%.2f", ag.spearman.estimate) .. " and Kendall's tau-b "
                      .. string.format("%.2f", ag.kendall.estimate) .. ". "
                      .. (#moves_rank == 0 and "No row changes rank" or (plural(#moves_rank, "row changes", "rows change") .. " rank"))
                      .. "; " .. (#moves_level == 0 and "none changes level (by RAG colour)" or
                                  (plural(#moves_level, "row changes", "rows change") .. " level (by RAG colour): "
                                   .. md_cell(join_and(moves_level))))
                      .. ". See agreement.md.\n"
    else
      out[#out + 1] = "The rankings cannot be compared: fewer than 2 rows have a total in both schemes, or one "
                      .. "scheme gives every row the same total. See agreement.md.\n"
    end
  end

  if extra.sensitivity then
    local sens = extra.sensitivity
    out[#out + 1] = "\n## Sensitivity to the weights\n\n"
    local shaky, robust = {}, 0
    for _, s in ipairs(sens.rows) do
      if s.robust then robust = robust + 1
      else
        shaky[#shaky + 1] = s.key .. " (" .. s.row.level.level .. " in " .. percent(s.level_share) .. " of draws)"
      end
    end
    out[#out + 1] = "Each weight was multiplied by 1 plus a uniform draw from -" .. percent(sens.spread) .. " to +"
                    .. percent(sens.spread) .. ", in " .. plural(sens.draws, "draw", "draws") .. " (seed "
                    .. fmt(sens.seed) .. "). " .. thousands(robust) .. " of " .. plural(#sens.rows, "row", "rows")
                    .. " kept their level in at least " .. percent(ROBUST_SHARE) .. " of draws. "
    if #shaky == 0 then
      out[#out + 1] = "No row's level depends on the weights."
    else
      out[#out + 1] = "Levels that depend on the weights: " .. md_cell(join_and(shaky)) .. "."
    end
    out[#out + 1] = " How often each row kept its rank band (top, middle or bottom third) is in sensitivity.csv.\n"
  end
  return table.concat(out)
end

local function scheme_lua(result, extra, scheme_path)
  local s = result.scheme
  local head = "-- scheme.lua: the scheme '" .. s.name .. "' version " .. s.version .. " as run for " .. result.period
  if extra.before then head = head .. ", compared with " .. extra.before.period end
  head = head .. ".\n-- Defined at " .. basename(s.where) .. ".\n"
  if s.source then return head .. s.source end
  return head .. "-- The file that defined it could not be read back (it was built by load()).\n"
end

local function write_all(dir, result, extra)
  local scheme = result.scheme
  write_heatmap(dir, result)
  rapkit.write_text(dir .. "/table.csv", table_csv(result))
  rapkit.write_text(dir .. "/table.md", table_md(result))
  rapkit.write_text(dir .. "/summary.md", summary_md(result, extra))
  rapkit.write_text(dir .. "/scheme.lua", scheme_lua(result, extra))
  if extra.changes then
    -- After the chart: its companion tables are also change.csv and
    -- change.md, which these replace on purpose with the same changes and
    -- the scores before and after, in both forms, so the two agree.
    write_change_chart(dir, result, extra.before, extra.changes)
    rapkit.write_text(dir .. "/change.csv", change_csv(result, extra.before, extra.changes), {replace = true})
    rapkit.write_text(dir .. "/change.md", change_md(result, extra.before, extra.changes), {replace = true})
  end
  if extra.agreement then rapkit.write_text(dir .. "/agreement.md", agreement_md(extra.agreement)) end
  if extra.sensitivity then rapkit.write_text(dir .. "/sensitivity.csv", sensitivity_csv(result, extra.sensitivity)) end
end

-- ---- load, run, main ------------------------------------------------------------

-- A scheme file (one that ends `return rapkit.matrix{...}`), read as a
-- script reads files.
function M.load(path)
  if type(path) ~= "string" then error("matrix.load: give the path of a scheme file", 2) end
  local text = rapkit.read_text(path)
  local chunk, err = load(text, "@" .. path, "t")
  if not chunk then error(err, 0) end
  local saved = pending_source
  pending_source = text
  local ok, value = pcall(chunk)
  pending_source = saved
  if not ok then error(value, 0) end
  if not schemes[value] then
    local _, lines = text:gsub("\n", "")
    error(path .. ":" .. math.max(lines, 1) .. ": matrix: the file must end with 'return rapkit.matrix{...}' (it returned "
          .. type(value) .. ")", 0)
  end
  return value
end

local RUN_KEYS = {scheme = true, data = true, period = true, compare = true, against = true, sensitivity = true,
                  seed = true, spread = true, out = true}

-- Scores, compares, checks and writes as `rapkit matrix` does. Returns a
-- table: result, before, changes, sensitivity, agreement, and against (the
-- same for the second scheme).
function M.run(opts)
  if type(opts) ~= "table" then error("matrix.run: give a table of options, as {scheme = s, period = \"2025-26 Q2\"}", 2) end
  for k in pairs(opts) do
    if not RUN_KEYS[k] then
      error("matrix.run: unknown option '" .. tostring(k) .. "' (options: " .. table.concat(sorted_keys(RUN_KEYS), ", ") .. ")", 2)
    end
  end
  local scheme = type(opts.scheme) == "string" and M.load(opts.scheme) or opts.scheme
  if not schemes[scheme] then error("matrix.run: scheme must be a scheme from rapkit.matrix{...} or a scheme file's path", 2) end
  local other = type(opts.against) == "string" and M.load(opts.against) or opts.against
  if other ~= nil and not schemes[other] then error("matrix.run: against must be a scheme or a scheme file's path", 2) end
  if other and other.name == scheme.name then
    error("matrix.run: both schemes are called '" .. scheme.name .. "': their outputs would share a folder", 2)
  end
  if type(opts.period) ~= "string" or not pcall(rapkit.period.bounds, opts.period) then
    error("matrix.run: period must be a period such as \"2025-26 Q2\", got " .. tostring(opts.period), 2)
  end
  if opts.compare ~= nil and (type(opts.compare) ~= "string" or not pcall(rapkit.period.bounds, opts.compare)) then
    error("matrix.run: compare must be a period such as \"2025-26 Q1\", got " .. tostring(opts.compare), 2)
  end
  if opts.compare ~= nil and opts.compare == opts.period then error("matrix.run: compare names the same period as period", 2) end
  if opts.out ~= nil and type(opts.out) ~= "string" then error("matrix.run: out must be a folder under --out", 2) end
  local sens_opts = opts.sensitivity and {draws = opts.sensitivity, seed = opts.seed, spread = opts.spread}
  if not sens_opts and (opts.seed or opts.spread) then error("matrix.run: seed and spread go with sensitivity", 2) end

  local function full(s)
    local r = {result = score(s, {data = opts.data, period = opts.period}, 2)}
    if opts.compare then
      r.before = score(s, {data = opts.data, period = opts.compare}, 2)
      r.changes = M.compare(r.result, r.before)
    end
    if sens_opts then
      local ok, sens = pcall(M.sensitivity, r.result, sens_opts)
      if not ok then error((tostring(sens):gsub("^[^\n]-:%d+: ", "")), 3) end
      r.sensitivity = sens
    end
    return r
  end
  local run = full(scheme)
  if other then
    run.against = full(other)
    run.agreement = M.agreement(run.result, run.against.result)
  end
  -- Everything is scored before anything is written.
  local prefix = (opts.out and opts.out ~= "") and (opts.out .. "/") or ""
  run.folder = prefix .. scheme.name
  write_all(run.folder, run.result, run)
  if other then
    run.against.folder = prefix .. other.name
    write_all(run.against.folder, run.against.result, run.against)
  end
  return run
end

local function report(r)
  local res = r.result
  local files = {"heatmap.png", "heatmap.svg", "heatmap.pdf", "table.csv", "table.md", "summary.md", "scheme.lua"}
  if r.changes then files[#files + 1] = "change.csv"; files[#files + 1] = "change.png" end
  if r.agreement then files[#files + 1] = "agreement.md" end
  if r.sensitivity then files[#files + 1] = "sensitivity.csv" end
  print(res.scheme.name .. " version " .. res.scheme.version .. ", " .. res.period .. ": "
        .. plural(#res.rows, "row", "rows") .. " from " .. plural(res.used, "record", "records") .. " -> "
        .. r.folder .. "/ (" .. table.concat(files, ", ") .. ")")
end

-- `rapkit matrix`: the scheme file ran as the script and returned `value`;
-- args holds the command line's options as text.
function M.main(value, args)
  if not schemes[value] then
    local at = last_defined or (args.scheme .. ":1")
    error(at .. ": matrix: the scheme file must end with 'return rapkit.matrix{...}' (it returned "
          .. type(value) .. ")", 0)
  end
  local run = M.run{
    scheme = value, period = args.period, compare = args.compare, against = args.against,
    sensitivity = args.sensitivity and math.tointeger(tonumber(args.sensitivity)),
    seed = args.sensitivity and math.tointeger(tonumber(args.seed or DEFAULT_SEED)),
    spread = args.sensitivity and (tonumber(args.spread) or DEFAULT_SPREAD * 100) / 100,
  }
  report(run)
  if run.against then report(run.against) end
end

return M
