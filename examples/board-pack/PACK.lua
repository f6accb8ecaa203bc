-- The Race Action Plan board pack: the figures of the March 2025 cover and
-- background reports, reproduced from data. Run it with
--   rapkit pack examples/board-pack/PACK.lua
-- Every script below makes its figures with rapkit.figure{...}; the pack runs
-- them in this order, one page per figure. The data are illustrative.
return {
  title = "Race Action Plan: board pack",
  organisation = "West Midlands Police (illustrative data)",
  period = "2024-25",
  date = "Accountability and Governance Board, 25 March 2025",
  note = "Illustrative data. Every figure here is computed from made-up files that match the "
    .. "totals published in the force's March 2025 reports (examples/data/README.md); they are not "
    .. "real records and must not be quoted as evidence about any force.",
  -- rapkit.data.NAME in every script; paths are relative to this file.
  data = {
    events = "../data/workforce-events-2024-25.csv",
    workforce = "../data/workforce-west-midlands-2019-2024.csv",
    say_to_stay = "../data/say-to-stay-2023-24.csv",
    funnel = "../data/recruitment-funnel.csv",
    activities = "../data/activities-2024-25-to-2025-26.csv",
    s136 = "../data/s136-monthly.csv",
    actions = "../data/survey-actions.csv",
  },
  scripts = {
    -- (names with '-' never shadow a metric library module in require)
    "joiners-leavers.lua",      -- workstream 1: Represented
    "workforce-representation.lua",
    "say-to-stay.lua",
    "recruitment-funnel.lua",
    "lfobh.lua",
    "stop-search.lua",          -- workstream 2: Not over-policed
    "s136-rcrp.lua",            -- workstream 4: Not under-protected
    "survey-actions.lua",       -- the Black Workforce Survey
    "impact-matrix.lua",        -- workstream 3: Involved, the impact matrix trial
  },
}
