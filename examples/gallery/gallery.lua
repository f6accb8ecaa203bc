-- The chart gallery: one board-paper chart of each type drawn by rapkit
-- (bar, line, interval, heatmap, spc, funnel), each saved as TYPE.png,
-- TYPE.svg and TYPE.pdf with its alt text and companion tables beside it.
--
-- Every input is illustrative example data from examples/data (see its
-- README.md), passed in with --data by run.sh beside this script; the
-- Census population is real. Source lines say so.

local FORMATS = {"png", "svg", "pdf"}

local function save_all(chart, name)
  for _, ext in ipairs(FORMATS) do
    chart:save(name .. "." .. ext)
  end
end

-- The source line of a chart drawn from the illustrative example data.
local function example_source(what)
  return "illustrative " .. what .. " from rapkit examples/data"
end

-- A share (0.149) as a percentage to one decimal place (14.9), so that the
-- chart's labels and its companion table hold the same figure.
local function percent(share)
  if share == nil then return nil end
  return math.floor(share * 1000 + 0.5) / 10
end

-- Bar: ethnic minority representation by officer rank, 31 March 2024. The
-- ranks above inspector hold few officers, so they are taken together: one
-- band of a few hundred rather than counts small enough to be withheld.
local RANK_BANDS = {"Constable", "Sergeant", "Inspector", "Chief Inspector and above"}
local officers = rapkit.load("workforce", rapkit.data.workforce)
  :filter{worker_type = "Police Officer"}
  :mutate("rank_band", function(row)
    local rank = row.rank_description
    if rank == "Constable" or rank == "Sergeant" or rank == "Inspector" then return rank end
    return "Chief Inspector and above"
  end)
local representation = require("representation").run{workforce = officers, by = "rank_band"}
local share_by_band = {}
for row in representation.shares:filter{year = 2024, ethnic_group = "Ethnic minority"}:rows() do
  share_by_band[row.rank_band] = percent(row.share)
end
local band_percent = {}
for i, band in ipairs(RANK_BANDS) do band_percent[i] = share_by_band[band] end
save_all(rapkit.chart.bar{
  data = rapkit.dataset{rank = RANK_BANDS, percent = band_percent, names = {"rank", "percent"}},
  x = "rank", y = "percent",
  title = "Ethnic minority officers are a smaller share of every rank above constable",
  subtitle = "Ethnic minority officers as a percentage of officers with a stated ethnicity, "
    .. "by rank, West Midlands Police, 31 March 2024",
  source = example_source("police workforce data"),
  x_title = "Rank", y_title = "Per cent",
}, "bar")

-- Line and SPC: section 136 detentions a month, before and after Right
-- Care, Right Person (RCRP) went live (assumed February 2024, see
-- examples/data/README.md).
local GO_LIVE = "2024-02"
local MONTH_NAMES = {"January", "February", "March", "April", "May", "June", "July", "August",
                     "September", "October", "November", "December"}
local function month_name(month) -- "2024-02" -> "February 2024"
  local year, m = month:match("^(%d+)-(%d+)$")
  return MONTH_NAMES[tonumber(m)] .. " " .. year
end

local s136 = rapkit.load("s136", rapkit.data.s136):sort("month")
local rcrp = require("rcrp").run{s136 = s136, go_live = GO_LIVE}
local mean_before, mean_after
for row in rcrp.before_after:rows() do
  if row.phase == "before" then mean_before = row.mean else mean_after = row.mean end
end
local months, detentions, series_x, series_y, series_name = {}, {}, {}, {}, {}
for row in s136:rows() do
  months[#months + 1] = row.month
  detentions[#detentions + 1] = row.detentions
  series_x[#series_x + 1], series_y[#series_y + 1] = row.month, row.detentions
  series_name[#series_name + 1] = "All detentions"
  series_x[#series_x + 1] = row.month
  series_y[#series_y + 1] = row.sectioned and row.detentions - row.sectioned or rapkit.MISSING
  series_name[#series_name + 1] = "Not sectioned"
end
local period = month_name(months[1]) .. " to " .. month_name(months[#months])
save_all(rapkit.chart.line{
  data = rapkit.dataset{month = series_x, detentions = series_y, series = series_name,
                        names = {"month", "series", "detentions"}},
  x = "month", y = "detentions", group = "series",
  title = ("Section 136 detentions fell from %.0f to %.0f a month after RCRP went live")
    :format(mean_before, mean_after),
  subtitle = "Section 136 detentions per month, all and those not ending in sectioning, "
    .. "West Midlands, " .. period,
  source = example_source("monthly section 136 series"),
  x_title = "Month", y_title = "Detentions",
  markers = {{at = GO_LIVE, label = "RCRP go-live"}},
}, "line")

save_all(rapkit.chart.spc{
  spc = rapkit.stats.spc(detentions, {labels = months, step_at = GO_LIVE}),
  title = "Detentions stepped down at RCRP go-live; four months are too few to confirm it",
  subtitle = "Section 136 detentions per month with XmR control limits recalculated at go-live, "
    .. "West Midlands, " .. period,
  source = example_source("monthly section 136 series"),
  x_title = "Month", y_title = "Detentions", step_label = "RCRP go-live",
}, "spc")

-- Interval: stop and search rate ratios to the White rate, with intervals,
-- by the Home Office method (scripts/disproportionality.lua). The White row
-- is the reference line at 1, so it is not drawn as a row of its own. A
-- ratio withheld for small numbers is [c]: the module flags it
-- (ratio_suppressed), and the chart reads the flag.
local disp = require("disproportionality").run{
  searches = rapkit.load("stop_search", rapkit.data.stop_search),
  population = rapkit.load("population", rapkit.data.population),
}
local ratios = disp.rates:filter(function(row) return row.ethnic_group ~= "White" end)
local black_ratio = ratios:filter{ethnic_group = "Black"}:get(1, "ratio")
save_all(rapkit.chart.interval{
  data = ratios, x = "ethnic_group", estimate = "ratio", lower = "ratio_lower", upper = "ratio_upper",
  title = ("Black people were searched at %.1f times the rate of White people"):format(black_ratio),
  subtitle = "Stop and search rate ratio to White people with 95% confidence intervals, "
    .. "West Midlands, a sample of 250 searches, June 2021",
  source = example_source("search sample") .. "; population from ONS Census 2011",
  x_title = "Rate ratio (White = 1)", y_title = "Ethnic group",
}, "interval")

-- Heatmap: activities logged per quarter in each Race Action Plan
-- workstream. A quarter with no activity logged is 0 (nothing logged), so
-- the grid is filled in rather than left as "not available".
local activities = rapkit.load("activities", rapkit.data.activities)
local counts = {}
for row in activities:count("workstream_name", "quarter"):rows() do
  counts[row.workstream_name .. "|" .. row.quarter] = row.n
end
local WORKSTREAMS = {"Represented", "Not over-policed", "Involved"}
local quarters = {}
for row in activities:distinct("quarter"):rows() do quarters[#quarters + 1] = row.quarter end
local cell_row, cell_col, cell_n = {}, {}, {}
for _, ws in ipairs(WORKSTREAMS) do
  for _, q in ipairs(quarters) do
    cell_row[#cell_row + 1], cell_col[#cell_col + 1] = ws, q
    cell_n[#cell_n + 1] = counts[ws .. "|" .. q] or 0
  end
end
save_all(rapkit.chart.heatmap{
  data = rapkit.dataset{workstream = cell_row, quarter = cell_col, activities = cell_n,
                        names = {"workstream", "quarter", "activities"}},
  row = "workstream", col = "quarter", value = "activities",
  rows = WORKSTREAMS, cols = quarters,
  title = "Most logged activity was in the Represented workstream, peaking in late 2024",
  subtitle = "Activities logged per quarter by Race Action Plan workstream, West Midlands Police, "
    .. "April 2024 to September 2025",
  source = example_source("impact-matrix activity log"),
  x_title = "Financial year and quarter", y_title = "Workstream",
}, "heatmap")

-- Funnel: the Legacy Centre recruitment event, stage totals only (the
-- rows with a Role break the last stage down).
local stages = rapkit.read_csv(rapkit.data.funnel)
  :filter{Role = rapkit.MISSING}
  :sort("Stage order")
save_all(rapkit.chart.funnel{
  data = stages, stage = "Stage", value = "Count",
  title = "Five people applied after the Legacy Centre event, from over 100 who confirmed",
  subtitle = "People at each stage of the Legacy Centre recruitment event, West Midlands Police, "
    .. "2024; over 100 confirmed (drawn as 100)",
  source = example_source("recruitment funnel"),
  x_title = "People", y_title = "Stage",
}, "funnel")
