# Cold-start curve: experiment protocols
# Written by `mfae-lab report`. Render it from this folder: gnuplot cold-start.gp
set terminal svg size 760,470 dynamic enhanced font 'sans-serif,13' linewidth 1.2 background '#ffffff'
set output 'cold-start.svg'
set encoding utf8
set border 3 linecolor rgb '#555555'
set tics nomirror out scale 0.6 textcolor rgb '#333333'
set grid ytics linecolor rgb '#e4e4e4' linewidth 1 dashtype 1
set grid xtics linecolor rgb '#eeeeee' linewidth 1 dashtype 1
set key below center horizontal noenhanced samplen 2.5 spacing 1.1 width 1 height 1
set datafile missing 'NaN'
set title 'Test RMSE of new users by ratings given (heldout)' noenhanced
set xlabel 'given ratings used per test user (log scale)' noenhanced
set ylabel 'test RMSE (mean ± sd across seeds)' noenhanced
set logscale x 10
set xtics ('1' 1, '2' 2, '3' 3, '5' 5, '10' 10, '20' 20, '50' 50, 'all' 100) noenhanced
set offsets graph 0.03, graph 0.03, graph 0.08, graph 0.08
plot 'cold-start.dat' index 0 using 1:2:3 with yerrorlines linecolor rgb '#0072B2' dashtype 1 pointtype 6 pointsize 0.9 linewidth 2 title 'autoencoder (mfae)', \
     'cold-start.dat' index 1 using 1:2:3 with yerrorlines linecolor rgb '#D55E00' dashtype 1 pointtype 7 pointsize 0.9 linewidth 2 title 'MF (mf)', \
     'cold-start.dat' index 2 using 1:2:3 with yerrorlines linecolor rgb '#009E73' dashtype 1 pointtype 8 pointsize 0.9 linewidth 2 title 'item bias', \
     'cold-start.dat' index 3 using 1:2:3 with yerrorlines linecolor rgb '#555555' dashtype 2 pointtype 9 pointsize 0.9 linewidth 2 title 'item bias + user offset'
