-- Text from the pack file and its script cannot break statements.md:
-- every text goes through rapkit's one Markdown rule.
return {
  title = "<b>Board</b> pack | a\\|b",
  organisation = "Force <one>",
  note = "A note\nover two lines",
  scripts = {"figures.lua"},
}
