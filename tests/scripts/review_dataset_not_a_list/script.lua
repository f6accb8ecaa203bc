-- 2026-11-24 review: rapkit.dataset{a = {[1e12] = 1}} looped a trillion times;
-- unnamed columns were dropped without a word.
print(pcall(rapkit.dataset, {a = {[1e12] = 1}}))
print(pcall(rapkit.dataset, {a = {1, 2, [100] = 3}}))
print(pcall(rapkit.dataset, {a = {1, x = 2}}))
print(pcall(rapkit.dataset, {a = {1, [1.5] = 2}}))
print(pcall(rapkit.dataset, {{1, 2}, a = {1, 2}}))
-- A hole is a missing value (rapkit.MISSING says so more clearly).
local d = rapkit.dataset{a = {1, nil, 3}, b = {"x", "y", "z"}}
print(d:nrow(), d:get(2, "a"))
