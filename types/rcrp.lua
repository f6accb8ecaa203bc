---@meta rcrp
-- require("rcrp"), for lua-language-server: its functions are defined in
-- rapkit.lua (class rapkit.module.rcrp); the module itself is
-- share/rapkit/scripts/rcrp.lua.

---@type rapkit.module.rcrp
local rcrp

return rcrp
