# The chart benchmark's 12 bars drawn by gnuplot, the peer: the same PNG
# size (1890 x 1181), title, subtitle and source, bars from zero.
# usage: gnuplot -e "out='chart12.png'" bench/tasks/chart12.gp
set terminal pngcairo size 1890,1181 font "DejaVu Sans,36"
set output out
$data << EOD
Apr 412
May 398
Jun 455
Jul 471
Aug 430
Sep 389
Oct 402
Nov 377
Dec 351
Jan 366
Feb 394
Mar 420
EOD
set tmargin 4.5
set bmargin 5
set label 1 "Searches of Black people peaked in July" at screen 0.02, screen 0.95 font "DejaVu Sans Bold,40"
set label 2 "Stop and searches of Black people per month, West Midlands, April 2024 to March 2025" at screen 0.02, screen 0.89 font "DejaVu Sans,30"
set label 3 "Source: illustrative figures for the rapkit chart benchmark" at screen 0.02, screen 0.03
set border 3
set tics nomirror
set style fill solid noborder
set boxwidth 0.6
set yrange [0:500]
set ytics 100
set ytics format "%'.0f"
set grid ytics
unset key
set xlabel "Month"
set ylabel "Searches"
plot $data using 0:2:xtic(1) with boxes lc rgb "#12436D"
