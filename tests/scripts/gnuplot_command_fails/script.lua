-- A command gnuplot rejects stops it (it exits non-zero): the error names the
-- line of the commands and gnuplot's reason, and is a script error.
print(pcall(rapkit.gnuplot, "set print '-'\nprint 'before'\nset bogus\nprint 'after'"))
rapkit.gnuplot("plot $missing_block")
