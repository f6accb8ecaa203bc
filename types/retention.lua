---@meta retention
-- require("retention"), for lua-language-server: its functions are defined in
-- rapkit.lua (class rapkit.module.retention); the module itself is
-- share/rapkit/scripts/retention.lua.

---@type rapkit.module.retention
local retention

return retention
