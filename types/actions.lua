---@meta actions
-- require("actions"), for lua-language-server: its functions are defined in
-- rapkit.lua (class rapkit.module.actions); the module itself is
-- share/rapkit/scripts/actions.lua.

---@type rapkit.module.actions
local actions

return actions
