---@meta disproportionality
-- require("disproportionality"), for lua-language-server: its functions are defined in
-- rapkit.lua (class rapkit.module.disproportionality); the module itself is
-- share/rapkit/scripts/disproportionality.lua.

---@type rapkit.module.disproportionality
local disproportionality

return disproportionality
