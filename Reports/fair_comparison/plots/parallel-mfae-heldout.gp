# Parallel coordinates of the best trials: mfae heldout, experiment fair_comparison
# Written by `mfae-lab report`. Render it from this folder: gnuplot parallel-mfae-heldout.gp
set terminal svg size 900,440 dynamic enhanced font 'sans-serif,13' linewidth 1.2 background '#ffffff'
set output 'parallel-mfae-heldout.svg'
set encoding utf8
set border 3 linecolor rgb '#555555'
set tics nomirror out scale 0.6 textcolor rgb '#333333'
set grid ytics linecolor rgb '#e4e4e4' linewidth 1 dashtype 1
set grid xtics linecolor rgb '#eeeeee' linewidth 1 dashtype 1
set key below center horizontal noenhanced samplen 2.5 spacing 1.1 width 1 height 1
set datafile missing 'NaN'
set title 'Best quarter of trials · mfae heldout (winner in black)' noenhanced
set style data parallelaxes
set border 0
unset ytics
unset grid
set xtics ('log10 c_vector [-8, -3]' 1, 'log10 init_scale [-8, -1]' 2, 'k [4, 256]' 3, 'log10 lr [-4, -1.52]' 4, 'mask_fraction [0, 0.9]' 5, 'validation RMSE' 6) noenhanced
set xrange [0.7:6.3]
set paxis 1 tics
set paxis 1 range [-8:-3]
set paxis 2 tics
set paxis 2 range [-8:-1]
set paxis 3 tics
set paxis 3 range [4:256]
set paxis 4 tics
set paxis 4 range [-4:-1.522878745]
set paxis 5 tics
set paxis 5 range [0:0.9]
set paxis 6 tics
set paxis 6 range [0.9360213142:0.9407153208]
plot for [axis=1:6] 'parallel-mfae-heldout.dat' using axis:7 linecolor rgb variable linewidth 1.5 notitle
