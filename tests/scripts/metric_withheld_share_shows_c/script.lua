-- Regression (reviewer, with the rates of disproportionality): a share
-- worked out from a suppressed count was missing with no flag of its own,
-- so tables and charts showed it as not available ([x], blank) rather than
-- withheld ([c]). representation's shares and rcrp's sectioning and
-- attendance now flag each withheld figure (<figure>_suppressed).
--
-- representation by rank, 2024, on the example Home Office table: the four
-- minority groups of Chief Inspectors are below 10, so their shares are [c];
-- the Chief Officers' minority headcounts are 0 in a block with a hidden
-- cell, so their intervals (which would give the hidden cell back) are [c]
-- while the share 0 is shown.
local representation = require("representation")
local workforce = rapkit.load("workforce", "workforce-west-midlands-2019-2024.csv")
local r = representation.run{workforce = workforce, by = "rank_description"}
local ranks = r.shares:filter{year = 2024, rank_description = {"Chief Inspector", "Chief Officer"}}
print(ranks:select("rank_description", "ethnic_group", "headcount", "headcount_suppressed",
                   "share", "share_suppressed"))
print(ranks:select("rank_description", "ethnic_group", "lower", "lower_suppressed", "upper",
                   "upper_suppressed"))

rapkit.chart.interval{
  data = ranks:filter{rank_description = "Chief Inspector"},
  x = "ethnic_group", estimate = "share", lower = "lower", upper = "upper", reference = false,
  title = "Chief Inspectors by ethnic group, 2024",
}:save("chief-inspectors.svg")
print(rapkit.read_text("out/chief-inspectors.csv"))
print(rapkit.read_text("out/chief-inspectors.alt.txt"))

-- rcrp with a threshold of 145: months with fewer than 145 detentions not
-- ending in sectioning are withheld, and so is their share ([c] in the table
-- and a gap marked [c] in the line chart's companion table); with 155, the
-- dip-sample months with fewer than 155 appropriate decisions.
local s136 = rapkit.load("s136", "s136-monthly.csv")
rapkit.min_count = 145
local s = require("rcrp").run{s136 = s136, go_live = "2024-02"}
local months = s.sectioning:filter(function(row) return row.month >= "2024-01" end)
print(months:select("month", "not_sectioned", "not_sectioned_suppressed", "share",
                    "share_suppressed", "lower_suppressed", "upper_suppressed"))
rapkit.chart.line{
  data = months, x = "month", y = "share", title = "Share of detentions not ending in sectioning",
}:save("sectioning.svg")
print(rapkit.read_text("out/sectioning.csv"))
rapkit.min_count = 155
s = require("rcrp").run{s136 = s136, go_live = "2024-02"}
print(s.attendance:select("month", "checked", "appropriate", "appropriate_suppressed", "rate",
                          "rate_suppressed", "lower_suppressed", "upper_suppressed"))
