# Test RMSE against mask_fraction: experiment mask_sweep
# Written by `mfae-lab report`. Render it from this folder: gnuplot sensitivity-mask_fraction.gp
set terminal svg size 760,470 dynamic enhanced font 'sans-serif,13' linewidth 1.2 background '#ffffff'
set output 'sensitivity-mask_fraction.svg'
set encoding utf8
set border 3 linecolor rgb '#555555'
set tics nomirror out scale 0.6 textcolor rgb '#333333'
set grid ytics linecolor rgb '#e4e4e4' linewidth 1 dashtype 1
set grid xtics linecolor rgb '#eeeeee' linewidth 1 dashtype 1
set key below center horizontal noenhanced samplen 2.5 spacing 1.1 width 1 height 1
set datafile missing 'NaN'
set title 'Test RMSE against mask_fraction' noenhanced
set xlabel 'mask_fraction' noenhanced
set ylabel 'test RMSE (mean ± sd across seeds)' noenhanced
set xtics ('0' 0, '0.1' 0.1000000015, '0.2' 0.200000003, '0.3' 0.3000000119, '0.4' 0.400000006, '0.5' 0.5, '0.6' 0.6000000238, '0.7' 0.6999999881, '0.8' 0.8000000119, '0.9' 0.8999999762) noenhanced
set offsets graph 0.05, graph 0.05, graph 0.08, graph 0.08
plot 'sensitivity-mask_fraction.dat' index 0 using 1:2:3 with yerrorlines linecolor rgb '#0072B2' dashtype 1 pointtype 7 pointsize 0.9 linewidth 2 title 'MFAE · warm', \
     'sensitivity-mask_fraction.dat' index 1 using 1:2:3 with yerrorlines linecolor rgb '#0072B2' dashtype 2 pointtype 5 pointsize 0.9 linewidth 2 title 'MFAE · heldout', \
     'sensitivity-mask_fraction.dat' index 2 using 1:2:3 with yerrorlines linecolor rgb '#0072B2' dashtype 3 pointtype 9 pointsize 0.9 linewidth 2 title 'MFAE · reconstruction'
