# Test RMSE against c_vector: experiment regularization_sweep
# Written by `mfae-lab report`. Render it from this folder: gnuplot sensitivity-c_vector.gp
set terminal svg size 760,470 dynamic enhanced font 'sans-serif,13' linewidth 1.2 background '#ffffff'
set output 'sensitivity-c_vector.svg'
set encoding utf8
set border 3 linecolor rgb '#555555'
set tics nomirror out scale 0.6 textcolor rgb '#333333'
set grid ytics linecolor rgb '#e4e4e4' linewidth 1 dashtype 1
set grid xtics linecolor rgb '#eeeeee' linewidth 1 dashtype 1
set key below center horizontal noenhanced samplen 2.5 spacing 1.1 width 1 height 1
set datafile missing 'NaN'
set title 'Test RMSE against c_vector' noenhanced
set xlabel 'c_vector' noenhanced
set ylabel 'test RMSE (mean ± sd across seeds)' noenhanced
set xtics ('0' 0, '1e-06' 1, '1e-05' 2, '0.0001' 3, '0.01' 4, '0.05' 5, '0.1' 6, '0.2' 7) noenhanced
set xrange [-0.5:7.5]
set offsets 0, 0, graph 0.08, graph 0.08
plot 'sensitivity-c_vector.dat' index 0 using 1:2:3 with yerrorlines linecolor rgb '#0072B2' dashtype 1 pointtype 7 pointsize 0.9 linewidth 2 title 'MFAE · warm', \
     'sensitivity-c_vector.dat' index 1 using 1:2:3 with yerrorlines linecolor rgb '#D55E00' dashtype 1 pointtype 7 pointsize 0.9 linewidth 2 title 'MF · warm'
