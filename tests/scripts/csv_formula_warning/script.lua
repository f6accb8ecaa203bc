-- A CSV file rapkit writes with a text cell that a spreadsheet may run as a
-- formula (starting with =, +, -, @, a tab or a carriage return) gets one
-- warning per file, naming the file and the first such cell; the data is
-- written as it is. Numbers ("-5", "+3.5", "-4%") and hyphens ("-") are not
-- formulas.
local labels = rapkit.dataset{
  label = {"Black", "=HYPERLINK(\"http://example.com/x\",\"click for the full table of results\")", "@SUM(A1)"},
  n = {-5, 3, 4},
}
labels:write_csv("labels.csv")
labels:write_csv("labels.csv")                     -- the same file again: no second warning
labels:write("copy.csv")                           -- another file: warned
rapkit.dataset{["=cmd"] = {1}}:write_csv("header.csv")
rapkit.dataset{note = {"fine", "\tindented"}}:write_csv("tab.csv")
rapkit.dataset{change = {"-5", "+3.5", "-4%", "1e-05", "-", "---", "a-b", " -"}, n = {1, 2, 3, 4, 5, 6, 7, 8}}
  :write_csv("numbers.csv")                        -- no warning

local chart = rapkit.chart.bar{data = rapkit.dataset{group = {"White", "+44 121 626 5000"}, n = {1, 2}},
                               x = "group", y = "n", title = "A label like a phone number"}
chart:save("chart.png")                            -- chart.csv beside it: warned
chart:save("chart.svg")                            -- the same chart.csv: no second warning

rapkit.write_text("text.csv", "a,b\n1,\"@SUM(1)\"\r\n")  -- write_text of a .csv file: warned (cell B2)
rapkit.write_text("text.txt", "=1+2\n")            -- not a CSV file: no warning
rapkit.write_text("quoted.csv", "a,b\n\"x, y\",\"-1\"\n\"2\",\"say \"\"=\"\"\"\n")  -- no warning
print("done")
