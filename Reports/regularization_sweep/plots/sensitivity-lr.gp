# Test RMSE against lr: experiment regularization_sweep
# Written by `mfae-lab report`. Render it from this folder: gnuplot sensitivity-lr.gp
set terminal svg size 760,470 dynamic enhanced font 'sans-serif,13' linewidth 1.2 background '#ffffff'
set output 'sensitivity-lr.svg'
set encoding utf8
set border 3 linecolor rgb '#555555'
set tics nomirror out scale 0.6 textcolor rgb '#333333'
set grid ytics linecolor rgb '#e4e4e4' linewidth 1 dashtype 1
set grid xtics linecolor rgb '#eeeeee' linewidth 1 dashtype 1
set key below center horizontal noenhanced samplen 2.5 spacing 1.1 width 1 height 1
set datafile missing 'NaN'
set title 'Test RMSE against lr' noenhanced
set xlabel 'lr' noenhanced
set ylabel 'test RMSE (mean ± sd across seeds)' noenhanced
set xtics ('0.003' 0.003000000026, '0.01' 0.009999999776, '0.03' 0.02999999933) noenhanced
set offsets graph 0.05, graph 0.05, graph 0.08, graph 0.08
plot 'sensitivity-lr.dat' index 0 using 1:2:3 with yerrorlines linecolor rgb '#0072B2' dashtype 1 pointtype 7 pointsize 0.9 linewidth 2 title 'MFAE · warm', \
     'sensitivity-lr.dat' index 1 using 1:2:3 with yerrorlines linecolor rgb '#D55E00' dashtype 1 pointtype 7 pointsize 0.9 linewidth 2 title 'MF · warm'
