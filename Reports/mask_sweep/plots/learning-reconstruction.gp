# Learning curves under reconstruction: experiment mask_sweep
# Written by `mfae-lab report`. Render it from this folder: gnuplot learning-reconstruction.gp
set terminal svg size 960,440 dynamic enhanced font 'sans-serif,13' linewidth 1.2 background '#ffffff'
set output 'learning-reconstruction.svg'
set encoding utf8
set border 3 linecolor rgb '#555555'
set tics nomirror out scale 0.6 textcolor rgb '#333333'
set grid ytics linecolor rgb '#e4e4e4' linewidth 1 dashtype 1
set grid xtics linecolor rgb '#eeeeee' linewidth 1 dashtype 1
set key below center horizontal noenhanced samplen 2.5 spacing 1.1 width 1 height 1
set datafile missing 'NaN'
set multiplot layout 1,2 title 'Learning curves · reconstruction' noenhanced
set xlabel 'epoch'
set xtics 20
set xrange [1:150]
set title 'validation RMSE, mean ± sd · early epochs off scale' noenhanced
set ylabel 'validation RMSE' noenhanced
set yrange [*:1.007422561]
plot 'learning-reconstruction.dat' index 0 using 1:3:4 with filledcurves fillcolor rgb '#0072B2' fillstyle transparent solid 0.18 noborder notitle, \
     '' index 0 using 1:2 with linespoints linecolor rgb '#0072B2' linewidth 2 pointtype 7 pointsize 0.5 title 'MFAE', \
     'learning-reconstruction.dat' index 1 using 1:3:4 with filledcurves fillcolor rgb '#D55E00' fillstyle transparent solid 0.18 noborder notitle, \
     '' index 1 using 1:2 with linespoints linecolor rgb '#D55E00' linewidth 2 pointtype 7 pointsize 0.5 title 'MF'
set title 'train loss (MSE + L2), mean ± sd · early epochs off scale' noenhanced
set ylabel 'train loss' noenhanced
set yrange [*:1.047786373]
plot 'learning-reconstruction.dat' index 0 using 1:6:7 with filledcurves fillcolor rgb '#0072B2' fillstyle transparent solid 0.18 noborder notitle, \
     '' index 0 using 1:5 with linespoints linecolor rgb '#0072B2' linewidth 2 pointtype 7 pointsize 0.5 title 'MFAE', \
     'learning-reconstruction.dat' index 1 using 1:6:7 with filledcurves fillcolor rgb '#D55E00' fillstyle transparent solid 0.18 noborder notitle, \
     '' index 1 using 1:5 with linespoints linecolor rgb '#D55E00' linewidth 2 pointtype 7 pointsize 0.5 title 'MF'
unset multiplot
