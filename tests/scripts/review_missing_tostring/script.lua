-- 2026-11-24 review: rapkit.MISSING printed as "userdata: 0x...".
print(rapkit.MISSING, tostring(rapkit.MISSING), type(rapkit.MISSING))
print(rapkit.MISSING == rapkit.MISSING, getmetatable(rapkit.MISSING))
local d = rapkit.dataset{a = {1, rapkit.MISSING, 3}}
print(d:get(2, "a"), d:filter{a = rapkit.MISSING}:nrow())
-- Another userdata is not missing.
print(pcall(rapkit.dataset, {a = {1, d}}))
