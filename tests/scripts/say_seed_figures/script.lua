-- The figures of the force's March 2025 board reports, phrased by rapkit.
local say = rapkit.say

-- Black joiners and leavers over 12 months: 32 joined, 24 left.
print(say.compare(32, 24, "joiners", "leavers"))
print(say.compare(24, 32, "leavers", "joiners"))

-- Ethnic minority representation, 2019 to now (fractions, not percentages).
print(say.change(0.124, 0.163, {kind = "proportion"}))
print(say.change(0.108, 0.143, {kind = "proportion"}))

-- Say to Stay: 5 of about 121 requests, with the Wilson interval as a
-- list and as a rapkit.stats-style result.
print(say.proportion(5, 121, "Say to Stay requests", {interval = {0.018, 0.093}}))
local wilson = {estimate = 5 / 121, lower = 0.017777486075125137, upper = 0.09309480708330535,
                conf = 0.95}
print(say.proportion(5, 121, "Say to Stay requests", {interval = wilson}))

-- The Home Office figure: West Midlands, year ending March 2022.
print(say.rate(3973, 164069, {per = 1000, of = "Black people"}))
print(say.rate(9713, 1919138, {of = "White people"}))
print(say.ratio(4.785, {4.6, 5.0, group = "Black people", reference = "White people"}))
local rr = {estimate = (3973 / 164069) / (9713 / 1919138), lower = 4.612804310751777,
            upper = 4.962775952673894}
print(say.ratio(rr, {group = "Black", reference = "White"}))

-- Section 136 detentions a month, before and after RCRP go-live.
print(say.change(214, 196))
