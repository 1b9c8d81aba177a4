# Parallel coordinates of the best trials: mf warm, experiment fair_comparison
# Written by `mfae-lab report`. Render it from this folder: gnuplot parallel-mf-warm.gp
set terminal svg size 750,440 dynamic enhanced font 'sans-serif,13' linewidth 1.2 background '#ffffff'
set output 'parallel-mf-warm.svg'
set encoding utf8
set border 3 linecolor rgb '#555555'
set tics nomirror out scale 0.6 textcolor rgb '#333333'
set grid ytics linecolor rgb '#e4e4e4' linewidth 1 dashtype 1
set grid xtics linecolor rgb '#eeeeee' linewidth 1 dashtype 1
set key below center horizontal noenhanced samplen 2.5 spacing 1.1 width 1 height 1
set datafile missing 'NaN'
set title 'Best quarter of trials · mf warm (winner in black)' noenhanced
set style data parallelaxes
set border 0
unset ytics
unset grid
set xtics ('log10 c_vector [-3, 0]' 1, 'log10 init_scale [-3, -0.523]' 2, 'k [4, 256]' 3, 'log10 lr [-4, -1.52]' 4, 'validation RMSE' 5) noenhanced
set xrange [0.7:5.3]
set paxis 1 tics
set paxis 1 range [-3:0]
set paxis 2 tics
set paxis 2 range [-3:-0.5228787453]
set paxis 3 tics
set paxis 3 range [4:256]
set paxis 4 tics
set paxis 4 range [-4:-1.522878745]
set paxis 5 tics
set paxis 5 range [0.9016610414:0.9079942929]
plot for [axis=1:5] 'parallel-mf-warm.dat' using axis:6 linecolor rgb variable linewidth 1.5 notitle
