# BN's decision-boundary jitter and switched fraction against batch size.
# Written by `bnsim plot`; run `gnuplot jitter_vs_M.gp` in this directory to redraw jitter_vs_M.png and jitter_vs_M.svg.
set linetype 1 lc rgb '#332288' lw 2 dt 1 pt 7 ps 0.8
set linetype 2 lc rgb '#CC6677' lw 2 dt 2 pt 4 ps 0.8
set linetype 3 lc rgb '#117733' lw 2 dt 3 pt 9 ps 0.8
set linetype 4 lc rgb '#DDCC77' lw 2 dt 4 pt 12 ps 0.8
set linetype 5 lc rgb '#88CCEE' lw 2 dt 5 pt 6 ps 0.8
set linetype 6 lc rgb '#882255' lw 2 dt (8,4,2,4,2,4) pt 5 ps 0.8
set linetype 7 lc rgb '#44AA99' lw 2 dt (16,6) pt 11 ps 0.8
set linetype 8 lc rgb '#999933' lw 2 dt (4,8) pt 8 ps 0.8
set linetype 9 lc rgb '#AA4499' lw 2 dt (12,4,4,4) pt 13 ps 0.8
set linetype 10 lc rgb '#6699CC' lw 2 dt (2,3) pt 10 ps 0.8
set linetype 11 lc rgb '#661100' lw 2 dt (20,4,2,4) pt 1 ps 0.8
set linetype 12 lc rgb '#888888' lw 2 dt (6,3,1,3,1,3) pt 3 ps 0.8
# bnsim plot sets these to temporary names, checks what gnuplot wrote there and renames it into place.
if (!exists('png_output')) png_output = 'jitter_vs_M.png'
if (!exists('svg_output')) svg_output = 'jitter_vs_M.svg'
font = 'DejaVu Sans,13'
do for [format in 'png svg'] {
    if (format eq 'svg') {
        set terminal svg size 1400,560 font font enhanced background rgb 'white'
    } else { if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) {
        set terminal pngcairo size 1400,560 font font enhanced background rgb 'white'
    } else {
        set terminal png size 1400,560 font font enhanced background rgb 'white'
    } }
    set output (format eq 'png' ? png_output : svg_output)
    reset
    set encoding utf8
    set datafile separator tab
    set grid lc rgb '#dddddd'
    set multiplot layout 1,2 title 'BN''s decision boundary from batch to batch: prediction (lines) vs real batches (points ± s.e.)' noenhanced
    set logscale xy 2
    set logscale y 10
    set xrange [2.857142857142857:179.2]
    set format y '%g'
    set xlabel 'batch size M'
    set key top right Left reverse samplen 3
    set title 'boundary offset from population normalization' noenhanced
    set ylabel 's.d. of the offset, in units of √Q'
    plot 'jitter.dat' index 0 using 1:4 with lines lt 1 title 'β₀=0: predicted' noenhanced, \
         'jitter.dat' index 0 using 1:2:3 with yerrorbars lt 1 pt 7 ps 1.2 title 'β₀=0: measured' noenhanced, \
         'jitter.dat' index 1 using 1:4 with lines lt 2 title 'β₀=1: predicted' noenhanced, \
         'jitter.dat' index 1 using 1:2:3 with yerrorbars lt 2 pt 7 ps 1.2 title 'β₀=1: measured' noenhanced
    set title 'samples switched differently from population normalization' noenhanced
    set ylabel 'fraction of the batch'
    plot 'jitter.dat' index 0 using 1:7 with lines lt 1 title 'β₀=0: predicted: arcsin(1/√M)/π' noenhanced, \
         'jitter.dat' index 0 using 1:5:6 with yerrorbars lt 1 pt 7 ps 1.2 title 'β₀=0: measured' noenhanced, \
         'jitter.dat' index 1 using 1:5:6 with yerrorbars lt 2 pt 7 ps 1.2 title 'β₀=1: measured' noenhanced
    unset multiplot
    set output
}
