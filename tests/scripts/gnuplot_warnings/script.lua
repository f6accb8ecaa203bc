-- gnuplot's messages that are not errors become rapkit warnings, with the
-- line of the commands when gnuplot names one; the run goes on.
local empty = rapkit.dataset{x = {}, y = {}}
rapkit.gnuplot([[
set terminal svg
set output 'empty.svg'
set xrange [0:1]
set yrange [0:1]
plot $empty using 1:2 notitle
print "a note printed by the commands"
]], {data = {empty = empty}})
print("done")
