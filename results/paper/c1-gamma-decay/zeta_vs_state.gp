# BN's implicit penalty against the overlap r and the scale γ.
# Written by `bnsim plot`; run `gnuplot zeta_vs_state.gp` in this directory to redraw zeta_vs_state.png and zeta_vs_state.svg.
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
if (!exists('png_output')) png_output = 'zeta_vs_state.png'
if (!exists('svg_output')) svg_output = 'zeta_vs_state.svg'
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
    set multiplot layout 1,2 title 'BN''s implicit penalty E_B[L_{BN}] − L_{PN} against the state: exact (lines), sampled (points), paper''s ζγ² (dashed)'
    set xzeroaxis lt -1 lw 1
    set key top left Left reverse samplen 3
    set xlabel 'normalized overlap r'
    set ylabel 'penalty at γ = 1'
    set title 'against r' noenhanced
    plot 'zeta.dat' index 7 using 2:4 with lines lt 1 title 'M = 2', \
         'zeta.dat' index 7 using 2:5:6 with yerrorbars lt 1 pt 7 notitle, \
         'zeta.dat' index 7 using 2:7 with lines lt 1 dt 2 notitle, \
         'zeta.dat' index 9 using 2:4 with lines lt 2 title 'M = 4', \
         'zeta.dat' index 9 using 2:5:6 with yerrorbars lt 2 pt 7 notitle, \
         'zeta.dat' index 9 using 2:7 with lines lt 2 dt 2 notitle, \
         'zeta.dat' index 11 using 2:4 with lines lt 3 title 'M = 8', \
         'zeta.dat' index 11 using 2:5:6 with yerrorbars lt 3 pt 7 notitle, \
         'zeta.dat' index 11 using 2:7 with lines lt 3 dt 2 notitle, \
         'zeta.dat' index 13 using 2:4 with lines lt 4 title 'M = 16', \
         'zeta.dat' index 13 using 2:5:6 with yerrorbars lt 4 pt 7 notitle, \
         'zeta.dat' index 13 using 2:7 with lines lt 4 dt 2 notitle, \
         'zeta.dat' index 15 using 2:4 with lines lt 5 title 'M = 32', \
         'zeta.dat' index 15 using 2:5:6 with yerrorbars lt 5 pt 7 notitle, \
         'zeta.dat' index 15 using 2:7 with lines lt 5 dt 2 notitle, \
         'zeta.dat' index 17 using 2:4 with lines lt 6 title 'M = 64', \
         'zeta.dat' index 17 using 2:5:6 with yerrorbars lt 6 pt 7 notitle, \
         'zeta.dat' index 17 using 2:7 with lines lt 6 dt 2 notitle
    set xlabel 'γ'
    set ylabel 'penalty at r = 0.9'
    set title 'against γ (exact: linear in γ)' noenhanced
    plot 'zeta.dat' index 8 using 3:4 with lines lt 1 title 'M = 2', \
         'zeta.dat' index 8 using 3:5:6 with yerrorbars lt 1 pt 7 notitle, \
         'zeta.dat' index 8 using 3:7 with lines lt 1 dt 2 notitle, \
         'zeta.dat' index 10 using 3:4 with lines lt 2 title 'M = 4', \
         'zeta.dat' index 10 using 3:5:6 with yerrorbars lt 2 pt 7 notitle, \
         'zeta.dat' index 10 using 3:7 with lines lt 2 dt 2 notitle, \
         'zeta.dat' index 12 using 3:4 with lines lt 3 title 'M = 8', \
         'zeta.dat' index 12 using 3:5:6 with yerrorbars lt 3 pt 7 notitle, \
         'zeta.dat' index 12 using 3:7 with lines lt 3 dt 2 notitle, \
         'zeta.dat' index 14 using 3:4 with lines lt 4 title 'M = 16', \
         'zeta.dat' index 14 using 3:5:6 with yerrorbars lt 4 pt 7 notitle, \
         'zeta.dat' index 14 using 3:7 with lines lt 4 dt 2 notitle, \
         'zeta.dat' index 16 using 3:4 with lines lt 5 title 'M = 32', \
         'zeta.dat' index 16 using 3:5:6 with yerrorbars lt 5 pt 7 notitle, \
         'zeta.dat' index 16 using 3:7 with lines lt 5 dt 2 notitle, \
         'zeta.dat' index 18 using 3:4 with lines lt 6 title 'M = 64', \
         'zeta.dat' index 18 using 3:5:6 with yerrorbars lt 6 pt 7 notitle, \
         'zeta.dat' index 18 using 3:7 with lines lt 6 dt 2 notitle
    unset multiplot
    set output
}
