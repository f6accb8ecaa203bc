---@meta matrix
-- require("matrix"), for lua-language-server: its functions are defined in
-- rapkit.lua (class rapkit.module.matrix, the same as rapkit.matrix); the
-- module itself is share/rapkit/scripts/matrix.lua.

---@type rapkit.module.matrix
local matrix

return matrix
