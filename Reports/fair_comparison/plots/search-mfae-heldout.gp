# Validation RMSE against searched keys: mfae heldout, experiment fair_comparison
# Written by `mfae-lab report`. Render it from this folder: gnuplot search-mfae-heldout.gp
set terminal svg size 990,660 dynamic enhanced font 'sans-serif,13' linewidth 1.2 background '#ffffff'
set output 'search-mfae-heldout.svg'
set encoding utf8
set border 3 linecolor rgb '#555555'
set tics nomirror out scale 0.6 textcolor rgb '#333333'
set grid ytics linecolor rgb '#e4e4e4' linewidth 1 dashtype 1
set grid xtics linecolor rgb '#eeeeee' linewidth 1 dashtype 1
set key below center horizontal noenhanced samplen 2.5 spacing 1.1 width 1 height 1
set datafile missing 'NaN'
set multiplot layout 2,3 title 'Trials · mfae heldout' noenhanced
set ylabel 'validation RMSE' noenhanced
set offsets graph 0.04, graph 0.04, graph 0.04, graph 0.04
set yrange [*:1.029078756]
set title 'c_vector' noenhanced
set xlabel 'c_vector (log scale)' noenhanced
set logscale x 10
set xtics autofreq
plot 'search-mfae-heldout.dat' index 0 using 1:($3 == 0 ? $2 : NaN) with points linecolor rgb '#0072B2' pointtype 7 pointsize 0.7 title 'completed', \
     'search-mfae-heldout.dat' index 0 using 1:($3 == 1 ? $2 : NaN) with points linecolor rgb '#0072B2' pointtype 6 pointsize 0.7 title 'pruned', \
     'search-mfae-heldout.dat' index 0 using 1:($3 == 2 ? $2 : NaN) with points linecolor rgb '#000000' pointtype 3 pointsize 1.6 linewidth 2 title 'winner'
set title 'init_scale' noenhanced
set xlabel 'init_scale (log scale)' noenhanced
set logscale x 10
set xtics autofreq
plot 'search-mfae-heldout.dat' index 1 using 1:($3 == 0 ? $2 : NaN) with points linecolor rgb '#0072B2' pointtype 7 pointsize 0.7 title 'completed', \
     'search-mfae-heldout.dat' index 1 using 1:($3 == 1 ? $2 : NaN) with points linecolor rgb '#0072B2' pointtype 6 pointsize 0.7 title 'pruned', \
     'search-mfae-heldout.dat' index 1 using 1:($3 == 2 ? $2 : NaN) with points linecolor rgb '#000000' pointtype 3 pointsize 1.6 linewidth 2 title 'winner'
set title 'k' noenhanced
set xlabel 'k' noenhanced
unset logscale x
set xtics autofreq
plot 'search-mfae-heldout.dat' index 2 using 1:($3 == 0 ? $2 : NaN) with points linecolor rgb '#0072B2' pointtype 7 pointsize 0.7 title 'completed', \
     'search-mfae-heldout.dat' index 2 using 1:($3 == 1 ? $2 : NaN) with points linecolor rgb '#0072B2' pointtype 6 pointsize 0.7 title 'pruned', \
     'search-mfae-heldout.dat' index 2 using 1:($3 == 2 ? $2 : NaN) with points linecolor rgb '#000000' pointtype 3 pointsize 1.6 linewidth 2 title 'winner'
set title 'lr' noenhanced
set xlabel 'lr (log scale)' noenhanced
set logscale x 10
set xtics autofreq
plot 'search-mfae-heldout.dat' index 3 using 1:($3 == 0 ? $2 : NaN) with points linecolor rgb '#0072B2' pointtype 7 pointsize 0.7 title 'completed', \
     'search-mfae-heldout.dat' index 3 using 1:($3 == 1 ? $2 : NaN) with points linecolor rgb '#0072B2' pointtype 6 pointsize 0.7 title 'pruned', \
     'search-mfae-heldout.dat' index 3 using 1:($3 == 2 ? $2 : NaN) with points linecolor rgb '#000000' pointtype 3 pointsize 1.6 linewidth 2 title 'winner'
set title 'mask_fraction' noenhanced
set xlabel 'mask_fraction' noenhanced
unset logscale x
set xtics autofreq
plot 'search-mfae-heldout.dat' index 4 using 1:($3 == 0 ? $2 : NaN) with points linecolor rgb '#0072B2' pointtype 7 pointsize 0.7 title 'completed', \
     'search-mfae-heldout.dat' index 4 using 1:($3 == 1 ? $2 : NaN) with points linecolor rgb '#0072B2' pointtype 6 pointsize 0.7 title 'pruned', \
     'search-mfae-heldout.dat' index 4 using 1:($3 == 2 ? $2 : NaN) with points linecolor rgb '#000000' pointtype 3 pointsize 1.6 linewidth 2 title 'winner'
unset multiplot
