-- scheme.lua records the text of the file that defined the scheme; a chunk
-- that names itself after another file (load(text, "@path")) does not get
-- that file read for it: only the script and modules are read back.
local text = [[return rapkit.matrix{name = "x", version = 1, rows = {data = "d", key = "k"},
  dimensions = {{name = "A", scale = {min = 0, max = 1}, score = function() return 1 end}}}]]
local s = load(text, "@../outside.csv")()
print(s.source == nil, s.where)
local own = rapkit.matrix{name = "y", version = 1, rows = {data = "d", key = "k"},
  dimensions = {{name = "A", scale = {min = 0, max = 1}, score = function() return 1 end}}}
print(own.where, own.source:sub(1, 26))
