-- actions: the Black Workforce Survey action tracker rolled up by status and
-- owner, and what changed since the last update.
--
--   local actions = require("actions")
--   local r = actions.run{
--     actions = rapkit.load("survey_actions", rapkit.data.actions),
--     previous = rapkit.load("survey_actions", rapkit.data.last_quarter),  -- optional
--   }
--
-- Returns a table:
--   by_status   status, n       (status "Not assessed" where it is empty)
--   by_owner    owner, n
--   by_owner_status  owner, status, n (for a stacked bar): a row for every
--               owner and every status, n = 0 where no action of that
--               owner has that status
--   changes     with previous only: ref, change, status_before, status_now,
--               progress_updated. change is "new", "removed", "status changed",
--               "progress updated" or "unchanged"
--   used        rows used; excluded: a dataset of reason, rows (always empty:
--               every action counts)
--   sentences   rapkit.say-style strings; notes
--
-- Counts here are of actions, not of people, so they are not suppressed as
-- small numbers: the tracker is published in full.

local M = {}

local common = require("metric_common")

local OPTIONS = {actions = true, previous = true}
local NOT_ASSESSED = "Not assessed"

local function check_tracker(ds, name)
  common.check_dataset("actions", ds, name, "survey_actions",
                       {"ref", "owner", "status", "progress"})
end

local function check_args(a)
  common.check_options("actions", a, OPTIONS, "actions.run{actions = ds}")
  check_tracker(a.actions, "actions")
  if a.previous ~= nil then check_tracker(a.previous, "previous") end
end

-- Statuses in the order a reader expects, whichever scheme the file uses.
local STATUS_ORDER = {["Not started"] = 1, ["In progress"] = 2, Complete = 3,
                      Red = 1, Amber = 2, Green = 3, [NOT_ASSESSED] = 9}

local function status_of(row)
  return row.status or NOT_ASSESSED
end

-- Every combination of the values seen in each position of the keys: a
-- count over two columns (owner x status) has a row for each pair, so a
-- stacked bar of it shows 0 for a pair no action has, not "[x]".
local function all_combinations(keys, width)
  local values, seen = {}, {}
  for i = 1, width do values[i], seen[i] = {}, {} end
  for _, key in ipairs(keys) do
    for i = 1, width do
      if not seen[i][key[i]] then
        seen[i][key[i]] = true
        values[i][#values[i] + 1] = key[i]
      end
    end
  end
  local combos = {{}}
  for i = 1, width do
    local longer = {}
    for _, prefix in ipairs(combos) do
      for _, v in ipairs(values[i]) do
        local key = {table.unpack(prefix)}
        key[i] = v
        longer[#longer + 1] = key
      end
    end
    combos = longer
  end
  return combos
end

local function count_by(ds, key_of, names)
  local counts, keys = {}, {}
  for row in ds:rows() do
    local key = key_of(row)
    local k = table.concat(key, "\0")
    if not counts[k] then
      counts[k] = 0
      keys[#keys + 1] = key
    end
    counts[k] = counts[k] + 1
  end
  if #names > 1 then
    keys = all_combinations(keys, #names)
    for _, key in ipairs(keys) do
      local k = table.concat(key, "\0")
      counts[k] = counts[k] or 0
    end
  end
  table.sort(keys, function(x, y)
    for i = 1, #x do
      if x[i] ~= y[i] then
        local ox, oy = STATUS_ORDER[x[i]] or 5, STATUS_ORDER[y[i]] or 5
        if ox ~= oy then return ox < oy end
        return x[i] < y[i]
      end
    end
    return false
  end)
  local cols = {n = {}}
  for _, name in ipairs(names) do cols[name] = {} end
  for _, key in ipairs(keys) do
    for i, name in ipairs(names) do cols[name][#cols[name] + 1] = key[i] end
    cols.n[#cols.n + 1] = counts[table.concat(key, "\0")]
  end
  local all = {table.unpack(names)}
  all[#all + 1] = "n"
  cols.names = all
  return rapkit.dataset(cols)
end

local function plural(n, one, many)
  return n .. " " .. (n == 1 and one or many)
end

local function run(a)
  check_args(a)
  local ds = a.actions:sort("ref")
  local by_status = count_by(ds, function(r) return {status_of(r)} end, {"status"})
  local by_owner = count_by(ds, function(r) return {r.owner} end, {"owner"})
  local by_owner_status = count_by(ds, function(r) return {r.owner, status_of(r)} end,
                                   {"owner", "status"})

  local parts = {}
  for row in by_status:rows() do parts[#parts + 1] = row.n .. " " .. row.status:lower() end
  local sentences = {plural(ds:nrow(), "action", "actions") .. ": " .. table.concat(parts, ", ")}

  local changes
  if a.previous then
    local before = {}
    for row in a.previous:rows() do before[row.ref] = row end
    local c = {ref = {}, change = {}, status_before = {}, status_now = {}, progress_updated = {}}
    local seen = {}
    local function add(ref, change, old, new, updated)
      c.ref[#c.ref + 1] = ref
      c.change[#c.change + 1] = change
      c.status_before[#c.status_before + 1] = old and status_of(old) or rapkit.MISSING
      c.status_now[#c.status_now + 1] = new and status_of(new) or rapkit.MISSING
      c.progress_updated[#c.progress_updated + 1] = updated
    end
    for row in ds:rows() do
      local old = before[row.ref]
      seen[row.ref] = true
      if not old then
        add(row.ref, "new", nil, row, false)
      else
        local moved = status_of(old) ~= status_of(row)
        local updated = (old.progress or "") ~= (row.progress or "")
        add(row.ref, moved and "status changed" or updated and "progress updated" or "unchanged",
            old, row, updated)
      end
    end
    for row in a.previous:sort("ref"):rows() do
      if not seen[row.ref] then add(row.ref, "removed", row, nil, false) end
    end
    c.names = {"ref", "change", "status_before", "status_now", "progress_updated"}
    changes = rapkit.dataset(c)

    local moved, updated, new, removed = {}, 0, {}, {}
    for row in changes:rows() do
      if row.change == "status changed" then
        moved[#moved + 1] = ("%s from %s to %s"):format(row.ref, row.status_before:lower(),
                                                        row.status_now:lower())
      elseif row.change == "new" then new[#new + 1] = row.ref
      elseif row.change == "removed" then removed[#removed + 1] = row.ref end
      if row.progress_updated then updated = updated + 1 end
    end
    sentences[#sentences + 1] = "Since the last update: " ..
      (#moved > 0 and (plural(#moved, "action", "actions") .. " changed status (" ..
        table.concat(moved, "; ") .. ")") or "no action changed status") ..
      ", " .. plural(updated, "action has", "actions have") .. " new progress" ..
      (#new > 0 and (", new: " .. table.concat(new, ", ")) or "") ..
      (#removed > 0 and (", no longer listed: " .. table.concat(removed, ", ")) or "")
  end

  return {
    by_status = by_status,
    by_owner = by_owner,
    by_owner_status = by_owner_status,
    changes = changes,
    used = ds:nrow(),
    excluded = common.excluded({}, {}),
    sentences = sentences,
    notes = {
      "Counts are of actions. An empty status is shown as Not assessed.",
      "Progress counts as updated when its text differs from the previous tracker's.",
    },
  }
end

M.run = common.protect(run)

return M
