# BN's implicit penalty (times M) against batch size, exact vs sampled vs bn-pn.
# Written by `bnsim plot`; run `gnuplot zeta_vs_M.gp` in this directory to redraw zeta_vs_M.png and zeta_vs_M.svg.
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
if (!exists('png_output')) png_output = 'zeta_vs_M.png'
if (!exists('svg_output')) svg_output = 'zeta_vs_M.svg'
font = 'DejaVu Sans,13'
do for [format in 'png svg'] {
    if (format eq 'svg') {
        set terminal svg size 1280,760 font font enhanced background rgb 'white'
    } else { if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) {
        set terminal pngcairo size 1280,760 font font enhanced background rgb 'white'
    } else {
        set terminal png size 1280,760 font font enhanced background rgb 'white'
    } }
    set output (format eq 'png' ? png_output : svg_output)
    reset
    set encoding utf8
    set datafile separator tab
    set grid lc rgb '#dddddd'
    set logscale x 2
    set xrange [1.4285714285714286:89.6]
    set xlabel 'batch size M'
    set ylabel 'M × (E_B[L_{BN}] − L_{PN}) at γ = 1'
    set title 'BN''s implicit penalty times M against M (flat: ∝ 1/M)' noenhanced
    set key outside right top Left reverse samplen 3
    set xzeroaxis lt -1 lw 1
    plot 'zeta.dat' index 0 using 1:($1*$4) with lines lt 1 title 'r = -0.5', \
         'zeta.dat' index 0 using 1:($1*$5):($1*$6) with yerrorbars lt 1 pt 7 notitle, \
         'zeta.dat' index 0 using 1:($1*$7) with lines lt 1 dt 2 notitle, \
         'zeta.dat' index 1 using 1:($1*$4) with lines lt 2 title 'r = -0.25', \
         'zeta.dat' index 1 using 1:($1*$5):($1*$6) with yerrorbars lt 2 pt 7 notitle, \
         'zeta.dat' index 1 using 1:($1*$7) with lines lt 2 dt 2 notitle, \
         'zeta.dat' index 2 using 1:($1*$4) with lines lt 3 title 'r = 0', \
         'zeta.dat' index 2 using 1:($1*$5):($1*$6) with yerrorbars lt 3 pt 7 notitle, \
         'zeta.dat' index 2 using 1:($1*$7) with lines lt 3 dt 2 notitle, \
         'zeta.dat' index 3 using 1:($1*$4) with lines lt 4 title 'r = 0.25', \
         'zeta.dat' index 3 using 1:($1*$5):($1*$6) with yerrorbars lt 4 pt 7 notitle, \
         'zeta.dat' index 3 using 1:($1*$7) with lines lt 4 dt 2 notitle, \
         'zeta.dat' index 4 using 1:($1*$4) with lines lt 5 title 'r = 0.5', \
         'zeta.dat' index 4 using 1:($1*$5):($1*$6) with yerrorbars lt 5 pt 7 notitle, \
         'zeta.dat' index 4 using 1:($1*$7) with lines lt 5 dt 2 notitle, \
         'zeta.dat' index 5 using 1:($1*$4) with lines lt 6 title 'r = 0.75', \
         'zeta.dat' index 5 using 1:($1*$5):($1*$6) with yerrorbars lt 6 pt 7 notitle, \
         'zeta.dat' index 5 using 1:($1*$7) with lines lt 6 dt 2 notitle, \
         'zeta.dat' index 6 using 1:($1*$4) with lines lt 7 title 'r = 0.9', \
         'zeta.dat' index 6 using 1:($1*$5):($1*$6) with yerrorbars lt 7 pt 7 notitle, \
         'zeta.dat' index 6 using 1:($1*$7) with lines lt 7 dt 2 notitle, \
         NaN with lines lc rgb 'black' title 'exact (quadrature over real batches)', \
         NaN with points lc rgb 'black' pt 7 title 'measured (sampled batches ± s.e.)', \
         NaN with lines lc rgb 'black' dt 2 title 'paper: ζγ² (bn-pn)'
    set output
}
