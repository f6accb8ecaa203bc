-- Say to Stay (issue 4, section 5): 5 requests from Black and Black Heritage
-- employees of 121 in all is 4.1%, with a 95% Wilson interval of 1.8% to 9.3%.
--
-- The file is examples/data/say-to-stay-2023-24.csv (illustrative, not real
-- records): one row per request. As examples/data/README.md says, the
-- reports' "Black and Black Heritage" employees are the rows whose Ethnicity
-- is the Census Black group, "Black"; the share is of all requests (the
-- report's 4.13% = 5 / 121), so the 3 Not stated requests stay in the
-- denominator.
--
-- Reference, computed outside rapkit in R 4 (Wilson score interval = prop.test
-- without continuity correction):
--   prop.test(5, 121, correct = FALSE)$conf.int
--   0.0177774860751251 0.0930948070833053
-- and 5 / 121 = 0.0413223140495868.
local requests = rapkit.read_csv("say-to-stay-2023-24.csv")

local n = requests:nrow()
local k = requests:filter{Ethnicity = "Black"}:nrow()
print("requests", n, "from Black employees", k)

local p = rapkit.stats.proportion(k, n)
print(("estimate %.10f lower %.10f upper %.10f"):format(p.estimate, p.lower, p.upper))
print("k", p.k, "n", p.n, "conf", p.conf, "method", p.method)

local what = "Say to Stay requests from Black employees"
print(rapkit.say.proportion(p, what))

-- The figure rests on 5 requests, fewer than the threshold (rapkit.min_count,
-- else 10): say.proportion adds the caveat itself.

-- Of the 5 requests, all 5 employees remained (July 2024).
local black = requests:filter{Ethnicity = "Black"}
local remained = black:filter{Outcome = "Remained"}:nrow()
print("remained: " .. rapkit.say.proportion(remained, black:nrow(),
  "Black employees' requests"))
