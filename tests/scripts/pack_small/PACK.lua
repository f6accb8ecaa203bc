-- A pack of two scripts and a placeholder; the data file is given to every
-- script as rapkit.data.counts.
return {
  title = "A small pack",
  organisation = "Test force",
  period = "2024-25",
  date = "1 April 2025",
  data = {counts = "counts.csv"},
  scripts = {
    "funnel.lua",
    "stages.lua",
    {placeholder = "A figure to come", note = "Filled when its script exists."},
  },
}
