-- The small-number caveat: the default threshold (10), a call's own `min`,
-- and rapkit.min_count for the whole run.
local say = rapkit.say

print(say.compare(12, 9, "joiners", "leavers"))
print(say.compare(12, 10, "joiners", "leavers"))
print(say.compare(9, 0, "joiners", "leavers"))   -- no percentage, so no caveat
print(say.proportion(2, 9, "requests"))
print(say.proportion(10, 40, "requests"))   -- 10 cases: no caveat
print(say.rate(9, 100000, {per = 100000}))
print(say.ratio(2.1, {group = "Asian", reference = "White", cases = 6}))
print(say.change(12, 6))
print(say.change(0.2, 0.3, {kind = "proportion", cases = 40}))

-- A call's own threshold.
print(say.compare(12, 9, "joiners", "leavers", {min = 5}))
print(say.rate(9, 100000, {per = 100000, min = 5}))

-- The run's threshold: what --min-count will set.
rapkit.min_count = 20
print(say.compare(30, 15, "joiners", "leavers"))
print(say.proportion(2, 19, "requests"))
print(say.proportion(12, 19, "requests", {min = 10}))   -- 12 cases: none under its own 10
rapkit.min_count = nil
print(say.proportion(2, 19, "requests"))
