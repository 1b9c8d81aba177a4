# Cost of the best configurations: experiment notebook
# Written by `mfae-lab report`. Render it from this folder: gnuplot cost.gp
set terminal svg size 960,420 dynamic enhanced font 'sans-serif,13' linewidth 1.2 background '#ffffff'
set output 'cost.svg'
set encoding utf8
set border 3 linecolor rgb '#555555'
set tics nomirror out scale 0.6 textcolor rgb '#333333'
set grid ytics linecolor rgb '#e4e4e4' linewidth 1 dashtype 1
set grid xtics linecolor rgb '#eeeeee' linewidth 1 dashtype 1
set key below center horizontal noenhanced samplen 2.5 spacing 1.1 width 1 height 1
set datafile missing 'NaN'
set style data histograms
set style histogram errorbars gap 1.5 linewidth 1
set style fill solid 0.85 border rgb '#333333'
set boxwidth 0.9
set xrange [-0.6:0.6]
set yrange [0:*]
set grid noxtics
set xtics noenhanced
set ylabel 'seconds' noenhanced
set multiplot layout 1,2 title 'Cost of the best configurations' noenhanced
set title 'seconds per epoch (median of a run; mean ± sd across seeds)' noenhanced
plot 'cost.dat' using 2:3:xtic(1) linecolor rgb '#0072B2' title 'MFAE', \
     'cost.dat' using 6:7 linecolor rgb '#D55E00' title 'MF'
set title 'seconds per fit (mean ± sd across seeds)' noenhanced
plot 'cost.dat' using 4:5:xtic(1) linecolor rgb '#0072B2' title 'MFAE', \
     'cost.dat' using 8:9 linecolor rgb '#D55E00' title 'MF'
unset multiplot
