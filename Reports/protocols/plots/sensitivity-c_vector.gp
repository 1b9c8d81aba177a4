# Test RMSE against c_vector: experiment protocols
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
set xtics ('1e-06' 9.999999975e-07, '1e-05' 9.999999747e-06) noenhanced
set offsets graph 0.05, graph 0.05, graph 0.08, graph 0.08
plot 'sensitivity-c_vector.dat' index 0 using 1:2:3 with yerrorlines linecolor rgb '#0072B2' dashtype 1 pointtype 7 pointsize 0.9 linewidth 2 title 'MFAE · warm', \
     'sensitivity-c_vector.dat' index 1 using 1:2:3 with yerrorlines linecolor rgb '#0072B2' dashtype 2 pointtype 5 pointsize 0.9 linewidth 2 title 'MFAE · heldout', \
     'sensitivity-c_vector.dat' index 2 using 1:2:3 with yerrorlines linecolor rgb '#0072B2' dashtype 3 pointtype 9 pointsize 0.9 linewidth 2 title 'MFAE · reconstruction'
