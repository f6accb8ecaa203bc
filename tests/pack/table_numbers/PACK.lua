-- One table whose numbers test the page's rounding (check_table_numbers.sh).
return {
  title = "Numbers in a table",
  date = "1 April 2025",
  data = {numbers = "numbers.csv"},
  scripts = {"numbers.lua"},
}
