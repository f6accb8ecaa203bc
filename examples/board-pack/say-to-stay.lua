-- Figure: Say to Stay requests from Black employees (background report,
-- "Retention").
--
-- What the report got wrong: "5 say and stay requests ... making 4.13% of the
-- total requests, proportionately higher than force representation of 2%".
-- 5 of 121 is 4.1%, but with five requests the 95% interval runs from 1.8%
-- to 9.3%, which includes 2%: the data cannot show that Black employees ask
-- proportionately more often. The statement says so, with the interval.
local say = rapkit.say
local stats = rapkit.stats

local requests = rapkit.read_csv(rapkit.data.say_to_stay)
local n = requests:nrow()
local k = requests:filter{Ethnicity = "Black"}:nrow()
local share = stats.proportion(k, n)

-- The Black share of the workforce with a stated ethnicity, 31 March 2024.
local representation = require("representation")
local workforce = representation.run{workforce = rapkit.load("workforce", rapkit.data.workforce)}
local black = workforce.shares:filter{year = 2024, ethnic_group = "Black"}
local staff_k = black:get(1, "headcount")
local staff_n = math.floor(staff_k / black:get(1, "share") + 0.5)
local staff = stats.proportion(staff_k, staff_n)

local function percent(p) return 100 * p end
local shares = rapkit.dataset{
  measure = {"Say to Stay requests", "Workforce, 2024"},
  count = {k, staff_k},
  total = {n, staff_n},
  percent = {percent(share.estimate), percent(staff.estimate)},
  lower = {percent(share.lower), percent(staff.lower)},
  upper = {percent(share.upper), percent(staff.upper)},
  names = {"measure", "count", "total", "percent", "lower", "upper"},
}

local chart = rapkit.chart.interval{
  data = shares, x = "measure", estimate = "percent", lower = "lower", upper = "upper",
  reference = false,
  title = "Five Say to Stay requests are too few to show a higher share",
  subtitle = "Black employees' share of Say to Stay requests (to summer 2024) and of the workforce (2024)",
  x_title = "Per cent (95% confidence interval)", y_title = "",
  source = "Say to Stay log; Home Office workforce table (both illustrative)",
  height = 90,
}

local higher = share.lower > staff.upper
rapkit.figure{
  name = "say-to-stay",
  chart = chart,
  statement = ("Black employees made %s, against %.1f%% of the workforce: %s."):format(
    say.proportion(share, "Say to Stay requests", {min = 1}), 100 * staff.estimate,
    higher and "a higher share than chance would give"
      or "so few requests cannot show that Black employees ask proportionately more often"),
  table = shares,
  labels = {measure = "", count = "Count", total = "Of", percent = "Per cent", lower = "Lower",
            upper = "Upper"},
  caveats = {
    ("The share rests on %d requests, fewer than %d: treat it with caution (one request more or fewer "
      .. "moves it by almost a percentage point)."):format(k, rapkit.min_count),
    "All five Black employees who asked remained with the force (July 2024); why they thought of leaving "
      .. "was not recorded.",
  },
}
