-- metric_common: the small pieces the metric library's modules share, kept in
-- one place so that every module checks its arguments, words its errors and
-- lays out its `excluded` table the same way. It works out no figures itself;
-- an analyst reading a metric module can read each function here as the
-- sentence in its comment.
--
--   local common = require("metric_common")
--   local fail = common.failer("rcrp")      -- fail("...") raises "rcrp.run: ..."
--
-- Errors name the module: every function that can refuse takes the module's
-- name ("rcrp", "retention", ...) and its messages begin "<module>.run: ".
-- They are raised as a table, and common.protect turns them back into text
-- that names the line of the script that called run().

local common = {}

-- A function that refuses the call with `msg`, as "<module>.run: msg".
function common.failer(module)
  return function(msg)
    error({module_error = module .. ".run: " .. msg})
  end
end

-- The module's run(): calls `run` and raises any refusal from fail() again so
-- that it names the script line that called run(). Other errors pass through
-- as they were.
function common.protect(run)
  return function(a)
    local ok, result = pcall(run, a)
    if ok then return result end
    if type(result) == "table" and result.module_error then error(result.module_error, 2) end
    error(result, 0)
  end
end

-- Whether the dataset has a column of that name.
function common.has_column(ds, col)
  for _, name in ipairs(ds:names()) do
    if name == col then return true end
  end
  return false
end

-- The options must be a table, and every key one of `options` (a set); the
-- error lists the known options in alphabetical order. `example` shows a
-- right call, as 'rcrp.run{s136 = ds, go_live = "2024-02"}'.
function common.check_options(module, a, options, example)
  local fail = common.failer(module)
  if type(a) ~= "table" then
    fail("give a table of options, as " .. example)
  end
  local known = {}
  for k in pairs(options) do known[#known + 1] = k end
  table.sort(known)
  for k in pairs(a) do
    if not options[k] then
      fail("unknown option '" .. tostring(k) .. "' (options: " .. table.concat(known, ", ") .. ")")
    end
  end
end

-- Option `option` must be a dataset, as rapkit.load(kind, ...) gives; with
-- `columns`, it must have each of them too (see check_columns).
function common.check_dataset(module, ds, option, kind, columns)
  local fail = common.failer(module)
  if ds == nil then
    fail(option .. " is missing: give a dataset from rapkit.load(\"" .. kind .. "\", ...)")
  end
  if getmetatable(ds) ~= "rapkit.Dataset" then
    fail(option .. " must be a dataset from rapkit.load(\"" .. kind .. "\", ...), got a "
         .. type(ds))
  end
  if columns then common.check_columns(module, ds, option, kind, columns) end
end

-- The dataset must have each of `columns`; the error names the first missing
-- one. `what` is what it should have been ("an s136 monthly series"), by
-- default "a <kind> dataset".
function common.check_columns(module, ds, option, kind, columns, what)
  for _, col in ipairs(columns) do
    if not common.has_column(ds, col) then
      common.failer(module)(option .. " is not " .. (what or ("a " .. kind .. " dataset")) ..
        " (no column '" .. col .. "'): load it with rapkit.load(\"" .. kind .. "\", ...)")
    end
  end
end

-- The `excluded` table of a result: each reason, and the rows left out for it.
function common.excluded(reasons, rows)
  return rapkit.dataset{reason = reasons, rows = rows, names = {"reason", "rows"}}
end

-- A cell is one combination of the values of `keys` (the `by` columns, and an
-- area column): its key joins them as text.
function common.cell_key(row, keys)
  local parts = {}
  for i, col in ipairs(keys) do parts[i] = tostring(row[col]) end
  return table.concat(parts, "\0")
end

-- A count with thousands separators, for sentences and notes: 1810 -> "1,810".
function common.thousands(n)
  local s = tostring(math.tointeger(n) or n)
  repeat
    local k
    s, k = s:gsub("^(-?%d+)(%d%d%d)", "%1,%2")
  until k == 0
  return s
end

return common
