# Solve time and pattern count of the convex program against P (convex.csv).
# Written by `bnsim plot`; run `gnuplot solve_time_vs_P.gp` in this directory to redraw solve_time_vs_P.png and solve_time_vs_P.svg.
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
if (!exists('png_output')) png_output = 'solve_time_vs_P.png'
if (!exists('svg_output')) svg_output = 'solve_time_vs_P.svg'
font = 'DejaVu Sans,13'
do for [format in 'png svg'] {
    if (format eq 'svg') {
        set terminal svg size 1500,620 font font enhanced background rgb 'white'
    } else { if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) {
        set terminal pngcairo size 1500,620 font font enhanced background rgb 'white'
    } else {
        set terminal png size 1500,620 font font enhanced background rgb 'white'
    } }
    set output (format eq 'png' ? png_output : svg_output)
    reset
    set encoding utf8
    set datafile separator tab
    set grid lc rgb '#dddddd'
    set multiplot layout 1,2 title 'cost of the convex program against the number of samples P' noenhanced
    set logscale xy
    set format y '%g'
    set xrange [1.5384615384615383:41.6]
    set xlabel 'samples P'
    set key top left Left reverse samplen 3
    set xtics ('2' 2.0, '4' 4.0, '8' 8.0, '16' 16.0, '24' 24.0, '32' 32.0)
    set title 'solve time (patterns + program + certificate); 0.000 s drawn at 0.0005 s' noenhanced
    set yrange [0.00025:157.266]
    set ylabel 'solve time (s)'
    plot 'solve_time_vs_P.dat' index 0 using 1:($3 > 0.0005 ? $3 : 0.0005) with linespoints lt 1 title 'relu teacher, σ = 0' noenhanced, \
         'solve_time_vs_P.dat' index 1 using 1:($3 > 0.0005 ? $3 : 0.0005) with linespoints lt 2 title 'two-layer teacher, σ = 0.1' noenhanced
    set title 'patterns: in the program (solid), in general position (dashed)' noenhanced
    set yrange [1.5:145826.0]
    set ylabel 'number of patterns'
    set format y '10^{%L}'
    plot 'solve_time_vs_P.dat' index 0 using 1:4 with linespoints lt 1 title 'relu teacher, σ = 0' noenhanced, \
         'solve_time_vs_P.dat' index 0 using 1:5 with lines lt 1 dt 2 notitle, \
         'solve_time_vs_P.dat' index 0 using 1:($6 > 0 ? $4 : NaN) with points lt 1 pt 4 ps 2.2 notitle, \
         'solve_time_vs_P.dat' index 1 using 1:4 with linespoints lt 2 title 'two-layer teacher, σ = 0.1' noenhanced, \
         'solve_time_vs_P.dat' index 1 using 1:5 with lines lt 2 dt 2 notitle, \
         'solve_time_vs_P.dat' index 1 using 1:($6 > 0 ? $4 : NaN) with points lt 2 pt 4 ps 2.2 notitle
    unset multiplot
    set output
}
