-- rapkit.min_count sets the run's threshold (what --min-count will set);
-- a call's own min wins; zeros = true suppresses zeros too.
local leavers = rapkit.read_csv("leavers.csv")
local function show(ds)
  local cells = {}
  for row in ds:rows() do
    cells[#cells + 1] = row.leavers_suppressed and "[c]" or tostring(row.leavers)
  end
  return table.concat(cells, " ")
end
local opts = {cols = "leavers", by = "area"}
print("default   " .. show(rapkit.disclose(leavers, opts)))
rapkit.min_count = 4
print("min_count " .. show(rapkit.disclose(leavers, opts)))
print("min 16    " .. show(rapkit.disclose(leavers, {cols = "leavers", by = "area", min = 16})))
print("zeros     " .. show(rapkit.disclose(leavers, {cols = "leavers", by = "area", zeros = true})))
rapkit.min_count = nil
local _, n = rapkit.disclose(leavers, {cols = "leavers", by = "area", zeros = true})
print(n.primary, n.secondary)
-- Without by: the whole dataset is one group.
local one = rapkit.dataset{group = {"Asian", "Black", "White"}, n = {3, 25, 300}, names = {"group", "n"}}
local safe = rapkit.disclose(one, {cols = {"n"}})
for row in safe:rows() do print(row.group, row.n, row.n_suppressed) end
