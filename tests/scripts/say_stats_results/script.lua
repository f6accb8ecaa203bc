-- Results shaped as rapkit.stats returns them (estimate, lower, upper,
-- conf, the inputs, and nil where a bound is not computable) are accepted
-- in place of numbers. Plain tables here, so the test does not depend on
-- rapkit.stats itself.
local say = rapkit.say
local function try(f, ...)
  local ok, message = pcall(f, ...)
  print(ok and message or "error: " .. message)
end

local p = {estimate = 5 / 121, lower = 0.017777486075125137, upper = 0.09309480708330535,
           k = 5, n = 121, conf = 0.95, method = "wilson"}
try(say.proportion, p, "Say to Stay requests")
try(say.proportion, p, "Say to Stay requests", {decimals = 2})
try(say.proportion, p, "Say to Stay requests", {interval = {0.02, 0.09}})

local r = {estimate = 3973 / 164069 * 1000, lower = 23.46, upper = 24.99, k = 3973,
           population = 164069, per = 1000, conf = 0.95}
try(say.rate, r)
try(say.rate, r, {of = "Black people", conf = 0.95})
try(say.rate, r, {of = "Black people", conf = 0.9})
try(say.rate, 3973, 164069, {interval = {23.46, 24.99}, conf = 0.9})
try(say.rate, r, {per = 100000})
try(say.rate, 3973, 164069, {per = 100000, interval = r})

local rr = {estimate = 4.784591341775115, lower = 4.612804310751777,
            upper = 4.962775952673894, k1 = 3973, n1 = 164069, k0 = 9713, n0 = 1919138,
            conf = 0.95, method = "log"}
try(say.ratio, rr, {group = "Black", reference = "White"})
local small = {estimate = 2.5, lower = 1.1, upper = 5.7, k1 = 8, n1 = 4000, k0 = 40,
               n0 = 50000, conf = 0.95}
try(say.ratio, small, {group = "Mixed", reference = "White"})
try(say.ratio, small, {group = "Mixed", reference = "White", cases = 12})
local zero = {estimate = 0, lower = 0, k1 = 0, n1 = 4000, k0 = 40, n0 = 50000, conf = 0.95,
              flag = "zero count in group: interval not computable by the log method"}
try(say.ratio, zero, {group = "Mixed", reference = "White"})
local undefined = {k1 = 3, n1 = 4000, k0 = 0, n0 = 50000, conf = 0.95,
                   flag = "zero count in reference group: ratio not defined"}
try(say.ratio, undefined, {group = "Mixed", reference = "White"})

local before = {estimate = 0.124, lower = 0.11, upper = 0.14}
local after = {estimate = 0.163, lower = 0.15, upper = 0.18}
try(say.change, before, after, {kind = "proportion"})
