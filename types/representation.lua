---@meta representation
-- require("representation"), for lua-language-server: its functions are defined in
-- rapkit.lua (class rapkit.module.representation); the module itself is
-- share/rapkit/scripts/representation.lua.

---@type rapkit.module.representation
local representation

return representation
