# GD's relative gap to the convex optimum against the width, log-log (convex.csv).
# Written by `bnsim plot`; run `gnuplot gap_vs_width.gp` in this directory to redraw gap_vs_width.png and gap_vs_width.svg.
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
if (!exists('png_output')) png_output = 'gap_vs_width.png'
if (!exists('svg_output')) svg_output = 'gap_vs_width.svg'
font = 'DejaVu Sans,13'
do for [format in 'png svg'] {
    if (format eq 'svg') {
        set terminal svg size 1500,760 font font enhanced background rgb 'white'
    } else { if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) {
        set terminal pngcairo size 1500,760 font font enhanced background rgb 'white'
    } else {
        set terminal png size 1500,760 font font enhanced background rgb 'white'
    } }
    set output (format eq 'png' ? png_output : svg_output)
    reset
    set encoding utf8
    set datafile separator tab
    set grid lc rgb '#dddddd'
    set title 'relative gap of GD (J_GD − P_cvx)/P_cvx' noenhanced
    set logscale xy
    set format y '10^{%L}'
    set xrange [0.6666666666666666:12.0]
    set yrange [1e-19:0.1391757810272728]
    set xlabel 'width m (neurons of the GD network)'
    set ylabel 'relative gap, clamped at 1e-16'
    set key outside right top Left reverse samplen 3
    set xtics ('1' 1.0, '2' 2.0, '4' 4.0, '6' 6.0, '7' 7.0, '8' 8.0)
    plot 'gap_vs_width.dat' index 0 using 1:2:3 with yerrorlines lt 1 title 'relu teacher, σ = 0, P = 2 (α = 0.5), mean of 5' noenhanced, \
         'gap_vs_width.dat' index 1 using 1:2:3 with yerrorlines lt 2 title 'relu teacher, σ = 0, P = 4 (α = 1), mean of 6' noenhanced, \
         'gap_vs_width.dat' index 2 using 1:2:3 with yerrorlines lt 3 title 'relu teacher, σ = 0, P = 8 (α = 2), mean of 6' noenhanced, \
         'gap_vs_width.dat' index 3 using 1:2:3 with yerrorlines lt 4 title 'relu teacher, σ = 0, P = 16 (α = 4), mean of 6' noenhanced, \
         'gap_vs_width.dat' index 4 using 1:2:3 with yerrorlines lt 5 title 'relu teacher, σ = 0, P = 24 (α = 6), mean of 6' noenhanced, \
         'gap_vs_width.dat' index 5 using 1:2:3 with yerrorlines lt 6 title 'relu teacher, σ = 0, P = 32 (α = 8), mean of 6' noenhanced, \
         'gap_vs_width.dat' index 6 using 1:2:3 with yerrorlines lt 7 title 'two-layer teacher, σ = 0.1, P = 2 (α = 0.5), mean of 6' noenhanced, \
         'gap_vs_width.dat' index 7 using 1:2:3 with yerrorlines lt 8 title 'two-layer teacher, σ = 0.1, P = 4 (α = 1), mean of 6' noenhanced, \
         'gap_vs_width.dat' index 8 using 1:2:3 with yerrorlines lt 9 title 'two-layer teacher, σ = 0.1, P = 8 (α = 2), mean of 6' noenhanced, \
         'gap_vs_width.dat' index 9 using 1:2:3 with yerrorlines lt 10 title 'two-layer teacher, σ = 0.1, P = 16 (α = 4), mean of 6' noenhanced, \
         'gap_vs_width.dat' index 10 using 1:2:3 with yerrorlines lt 11 title 'two-layer teacher, σ = 0.1, P = 24 (α = 6), mean of 6' noenhanced, \
         'gap_vs_width.dat' index 11 using 1:2:3 with yerrorlines lt 12 title 'two-layer teacher, σ = 0.1, P = 32 (α = 8), mean of 6' noenhanced, \
         'gap_vs_width.dat' index 12 using 1:(5e-17) with points lt 1 pt 9 ps 2 notitle, \
         'gap_vs_width.dat' index 13 using 1:(2.5e-17) with points lt 2 pt 9 ps 2 notitle, \
         'gap_vs_width.dat' index 14 using 1:(1.25e-17) with points lt 3 pt 9 ps 2 notitle, \
         'gap_vs_width.dat' index 15 using 1:(6.25e-18) with points lt 4 pt 9 ps 2 notitle, \
         'gap_vs_width.dat' index 16 using 1:(3.125e-18) with points lt 5 pt 9 ps 2 notitle, \
         'gap_vs_width.dat' index 17 using 1:(1.5625e-18) with points lt 6 pt 9 ps 2 notitle, \
         'gap_vs_width.dat' index 18 using 1:(7.8125e-19) with points lt 7 pt 9 ps 2 notitle, \
         'gap_vs_width.dat' index 19 using 1:(5e-17) with points lt 8 pt 9 ps 2 notitle, \
         'gap_vs_width.dat' index 20 using 1:(2.5e-17) with points lt 9 pt 9 ps 2 notitle, \
         'gap_vs_width.dat' index 21 using 1:(1.25e-17) with points lt 10 pt 9 ps 2 notitle, \
         'gap_vs_width.dat' index 22 using 1:(6.25e-18) with points lt 11 pt 9 ps 2 notitle, \
         'gap_vs_width.dat' index 23 using 1:(3.125e-18) with points lt 12 pt 9 ps 2 notitle, \
         1e-16 with lines lc rgb '#888888' dt 2 lw 1 title 'gaps ≤ 1e-16 (round-off, ≤ 0) drawn at 1e-16' noenhanced, \
         NaN with points lc rgb 'black' pt 9 ps 2.2 title 'm*: neurons of the global optimum (largest of the instances)' noenhanced
    set output
}
