-- find_rate's unstated_bounds on a small hand-made data.police.uk file
-- (searches.csv, the 15-column header), split by month, with min_count 3.
--
-- What is unknown for a search with ethnicity Not stated or missing is its
-- group, not its outcome. A group with k found of n stated searches has its
-- lowest possible find rate when every unstated search with no further
-- action (u_nfa) is in it and none with a find: k / (n + u_nfa); its highest
-- when every unstated search with a find (u_found) is in it and none with
-- no further action: (k + u_found) / (n + u_found).
--
-- The file, person searches unless said (NFA = no further action):
--   June 2021   White 10 (4 arrest, 6 NFA), Black 6 (3 community resolution,
--               3 NFA), Asian 7 (all NFA), Mixed 2 (1 arrest, 1 NFA), Other 0,
--               Not stated 5 (2 arrest, 3 NFA) and 1 with no outcome,
--               ethnicity empty 2 (1 arrest, 1 NFA), 1 vehicle-only search
--               (arrest, no ethnicity)
--   July 2021   Asian 3 (NFA), Black 4 (NFA), White 5 (person and vehicle
--               searches, all arrests), Not stated 1 (NFA)
--   August 2021 Asian 3 (NFA), Black 4 (NFA), White 5 (all arrests),
--               Not stated 1 (arrest)
--
-- Worked by hand.
-- Excluded: vehicle only 1; ethnicity missing 2; outcome missing 1 (the Not
-- stated search with no outcome); search type missing 0.
-- Used: June 10 + 6 + 7 + 2 + 5 = 30, July 3 + 4 + 5 + 1 = 13, August 13: 56.
-- June unstated with an outcome: u_nfa = 3 Not stated + 1 empty = 4,
-- u_found = 2 + 1 = 3, unstated = 7 (the search with no outcome is in no
-- bound: it is left out whatever its group; the vehicle search has no person).
-- June suppression (min 3): searches Mixed 2 is below 3, and the smallest
-- other count above 0, Not stated 5, goes with it; found Mixed 1 and Not
-- stated 2 are both below 3 (two cells: no secondary).
--   Asian  k 0, n 7:  share 0;   lowest 0 / 11 = 0;          highest 3 / 10 = 0.300000
--   Black  k 3, n 6:  share 0.5; lowest 3 / 10 = 0.300000;   highest 6 / 9 = 0.666667
--   Mixed  searches suppressed: withheld
--   White  k 4, n 10: share 0.4; lowest 4 / 14 = 0.285714;   highest 7 / 13 = 0.538462
--   Other  no stated searches: no share, no bounds, not withheld
-- (Treating the unstated outcomes as unknown would give White 4 / 17 =
-- 0.235294 to 11 / 17 = 0.647059: wider than any real allocation reaches.)
-- July: u_nfa = 1, u_found = 0, unstated = 1. u_nfa is from 1 to 2, so every
-- bound of the month is withheld (White 5 / 6 and 5 / 5 would give the one
-- unstated search back); Asian 3 is also suppressed, as the second cell
-- protecting Not stated 1 (White 5 and Black 4 shown).
-- August: u_nfa = 0, u_found = 1, unstated = 1. Searches: Not stated 1 is
-- suppressed and Asian 3 with it; found: Not stated 1 is suppressed and the
-- smallest other found count above 0, White 5, with it. Black (k 0, n 4) is
-- shown in rates, but its highest bound (0 + 1) / (4 + 1) = 0.2 would give the
-- one unstated find back: withheld, as is every group of the month.
-- Notes: 7 + 1 + 1 = 9 person searches with an outcome and no stated ethnicity.
local find_rate = require("find_rate")
local searches = rapkit.load("stop_search", "searches.csv")

local function f(x) return x and ("%.6f"):format(x) or "nil" end
local r = find_rate.run{searches = searches, by = {"month"}, min_count = 3}
print("used", r.used)
for row in r.excluded:rows() do print("excluded", row.reason, row.rows) end
for row in r.rates:rows() do
  print("rate", row.month, row.ethnic_group,
        row.searches_suppressed and "[c]" or row.searches,
        row.found_suppressed and "[c]" or row.found, f(row.share))
end
for row in r.unstated_bounds:rows() do
  print("bounds", row.month, row.ethnic_group, row.unstated, f(row.share),
        f(row.share_lowest), f(row.share_highest), row.withheld)
end
for _, note in ipairs(r.notes) do print("note", note) end
