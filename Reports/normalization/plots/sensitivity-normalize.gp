# Test RMSE against normalize: experiment normalization
# Written by `mfae-lab report`. Render it from this folder: gnuplot sensitivity-normalize.gp
set terminal svg size 760,470 dynamic enhanced font 'sans-serif,13' linewidth 1.2 background '#ffffff'
set output 'sensitivity-normalize.svg'
set encoding utf8
set border 3 linecolor rgb '#555555'
set tics nomirror out scale 0.6 textcolor rgb '#333333'
set grid ytics linecolor rgb '#e4e4e4' linewidth 1 dashtype 1
set grid xtics linecolor rgb '#eeeeee' linewidth 1 dashtype 1
set key below center horizontal noenhanced samplen 2.5 spacing 1.1 width 1 height 1
set datafile missing 'NaN'
set title 'Test RMSE against normalize' noenhanced
set xlabel 'normalize' noenhanced
set ylabel 'test RMSE (mean ± sd across seeds)' noenhanced
set xtics ('all' 0, 'kept' 1) noenhanced
set xrange [-0.5:1.5]
set offsets 0, 0, graph 0.08, graph 0.08
plot 'sensitivity-normalize.dat' index 0 using 1:2:3 with yerrorlines linecolor rgb '#0072B2' dashtype 1 pointtype 7 pointsize 0.9 linewidth 2 title 'MFAE · warm', \
     'sensitivity-normalize.dat' index 1 using 1:2:3 with yerrorlines linecolor rgb '#0072B2' dashtype 3 pointtype 9 pointsize 0.9 linewidth 2 title 'MFAE · reconstruction'
