# Tuning curves under heldout: experiment fair_comparison
# Written by `mfae-lab report`. Render it from this folder: gnuplot tuning-heldout.gp
set terminal svg size 960,440 dynamic enhanced font 'sans-serif,13' linewidth 1.2 background '#ffffff'
set output 'tuning-heldout.svg'
set encoding utf8
set border 3 linecolor rgb '#555555'
set tics nomirror out scale 0.6 textcolor rgb '#333333'
set grid ytics linecolor rgb '#e4e4e4' linewidth 1 dashtype 1
set grid xtics linecolor rgb '#eeeeee' linewidth 1 dashtype 1
set key below center horizontal noenhanced samplen 2.5 spacing 1.1 width 1 height 1
set datafile missing 'NaN'
set multiplot layout 1,2 title 'Tuning curves · heldout' noenhanced
set ylabel 'best validation RMSE so far' noenhanced
set title 'against trials' noenhanced
set xlabel 'trial' noenhanced
set xrange [0:*]
plot 'tuning-heldout.dat' index 0 using 1:3 with steps linecolor rgb '#0072B2' dashtype 1 linewidth 2 title 'MFAE', \
     'tuning-heldout.dat' index 2 using 1:3 with steps linecolor rgb '#D55E00' dashtype 1 linewidth 2 title 'MF'
set title 'against CPU seconds (epochs and validation)' noenhanced
set xlabel 'cumulative CPU seconds' noenhanced
set xrange [0:*]
plot 'tuning-heldout.dat' index 0 using 2:3 with steps linecolor rgb '#0072B2' dashtype 1 linewidth 2 title 'MFAE', \
     'tuning-heldout.dat' index 1 using 2:3 with steps linecolor rgb '#0072B2' dashtype 2 linewidth 2 title 'MFAE without pruning', \
     'tuning-heldout.dat' index 2 using 2:3 with steps linecolor rgb '#D55E00' dashtype 1 linewidth 2 title 'MF', \
     'tuning-heldout.dat' index 3 using 2:3 with steps linecolor rgb '#D55E00' dashtype 2 linewidth 2 title 'MF without pruning'
unset multiplot
