-- rapkit.gnuplot with --allow-gnuplot: datasets become datablocks (a header
-- row of names, numbers plain, missing as NaN, text quoted), gnuplot runs in
-- the output folder, and what it prints to standard output comes back.
local ds = rapkit.read_csv("searches.csv")
local months = rapkit.dataset{n = {1, 2, 3}}
local out = rapkit.gnuplot([[
set print '-'
stats $searches using "searches" nooutput
print sprintf("records %d, sum %g", STATS_records, STATS_sum)
print $months
set terminal svg
set output 'searches.svg'
plot $searches using 0:"searches" with lines notitle
]], {data = {searches = ds, months = months}})
print(out)
-- A text cell gnuplot's data format cannot carry is refused, naming it.
print(pcall(rapkit.gnuplot, "print 1", {data = {s = rapkit.dataset{t = {'say "hi"'}}}}))
print(pcall(rapkit.gnuplot, "print 1", {data = {["not ok"] = ds}}))
print(pcall(rapkit.gnuplot, "print 1", {timeout = -1}))
print(pcall(rapkit.gnuplot, "print 1", {tiemout = 1}))
