-- A command that waits is stopped at the timeout, and says so.
print(pcall(rapkit.gnuplot, "pause 100", {timeout = 0.3}))
