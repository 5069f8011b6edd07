# Test error of the convex program's global optimum and of GD's best network against α (convex.csv).
# Written by `bnsim plot`; run `gnuplot eg_vs_alpha.gp` in this directory to redraw eg_vs_alpha.png and eg_vs_alpha.svg.
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
if (!exists('png_output')) png_output = 'eg_vs_alpha.png'
if (!exists('svg_output')) svg_output = 'eg_vs_alpha.svg'
font = 'DejaVu Sans,13'
do for [format in 'png svg'] {
    if (format eq 'svg') {
        set terminal svg size 1240,540 font font enhanced background rgb 'white'
    } else { if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) {
        set terminal pngcairo size 1240,540 font font enhanced background rgb 'white'
    } else {
        set terminal png size 1240,540 font font enhanced background rgb 'white'
    } }
    set output (format eq 'png' ? png_output : svg_output)
    reset
    set encoding utf8
    set datafile separator tab
    set grid lc rgb '#dddddd'
    set multiplot layout 1,2 title 'test error of the global optimum and of GD''s best network, mean ± s.e. over the instances' noenhanced
    set logscale x
    set format x '%g'
    set xrange [0.4166666666666667:9.6]
    set logscale y
    set format y '%g'
    set xlabel 'α = P/N'
    set ylabel 'test error ε_g'
    set key top right Left reverse samplen 3
    set title 'relu teacher, σ = 0' noenhanced
    plot 'eg_vs_alpha.dat' index 0 using 1:3:4 with yerrorlines lt 1 title 'global optimum (convex program)' noenhanced, \
         'eg_vs_alpha.dat' index 0 using 1:5:6 with yerrorlines lt 2 title 'GD, best of the restarts, m = 8' noenhanced
    set title 'two-layer teacher, σ = 0.1' noenhanced
    plot 'eg_vs_alpha.dat' index 1 using 1:3:4 with yerrorlines lt 1 notitle, \
         'eg_vs_alpha.dat' index 1 using 1:5:6 with yerrorlines lt 2 notitle
    unset multiplot
    set output
}
