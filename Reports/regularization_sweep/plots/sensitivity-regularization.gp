# Test RMSE against regularization: experiment regularization_sweep
# Written by `mfae-lab report`. Render it from this folder: gnuplot sensitivity-regularization.gp
set terminal svg size 760,470 dynamic enhanced font 'sans-serif,13' linewidth 1.2 background '#ffffff'
set output 'sensitivity-regularization.svg'
set encoding utf8
set border 3 linecolor rgb '#555555'
set tics nomirror out scale 0.6 textcolor rgb '#333333'
set grid ytics linecolor rgb '#e4e4e4' linewidth 1 dashtype 1
set grid xtics linecolor rgb '#eeeeee' linewidth 1 dashtype 1
set key below center horizontal noenhanced samplen 2.5 spacing 1.1 width 1 height 1
set datafile missing 'NaN'
set title 'Test RMSE against regularization' noenhanced
set xlabel 'regularization' noenhanced
set ylabel 'test RMSE (mean ± sd across seeds)' noenhanced
set xtics ('table' 0, 'per_example' 1) noenhanced
set xrange [-0.5:1.5]
set offsets 0, 0, graph 0.08, graph 0.08
plot 'sensitivity-regularization.dat' index 0 using 1:2:3 with yerrorlines linecolor rgb '#0072B2' dashtype 1 pointtype 7 pointsize 0.9 linewidth 2 title 'MFAE · warm', \
     'sensitivity-regularization.dat' index 1 using 1:2:3 with yerrorlines linecolor rgb '#D55E00' dashtype 1 pointtype 7 pointsize 0.9 linewidth 2 title 'MF · warm'
