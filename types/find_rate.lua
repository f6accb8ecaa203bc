---@meta find_rate
-- require("find_rate"), for lua-language-server: its functions are defined in
-- rapkit.lua (class rapkit.module.find_rate); the module itself is
-- share/rapkit/scripts/find_rate.lua.

---@type rapkit.module.find_rate
local find_rate

return find_rate
