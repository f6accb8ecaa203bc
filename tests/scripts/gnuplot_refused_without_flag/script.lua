-- Without --allow-gnuplot, rapkit.gnuplot is refused before gnuplot starts,
-- and the message says why: gnuplot can run shell commands.
print(pcall(rapkit.gnuplot, "print 1"))
rapkit.gnuplot("set output 'anywhere.png'")
