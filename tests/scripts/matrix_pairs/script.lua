-- pairs(rapkit.matrix) lists the functions rapkit.matrix.NAME reaches (the
-- matrix module's), though the table itself holds none; a script's own
-- `next` does not change what it lists.
next = function() error("the script's next was called") end
local names = {}
for name, fn in pairs(rapkit.matrix) do
  assert(rapkit.matrix[name] == fn and require("matrix")[name] == fn)
  names[#names + 1] = name .. ":" .. type(fn)
end
table.sort(names)
print(table.concat(names, " "))
print(rawget(rapkit.matrix, "run"))
