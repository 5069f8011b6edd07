# Generalization error: theory lines, simulation seed means ± standard error.
# Written by `bnsim plot`; run `gnuplot eg-bn-M4.gp` in this directory to redraw eg-bn-M4.png and eg-bn-M4.svg.
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
if (!exists('png_output')) png_output = 'eg-bn-M4.png'
if (!exists('svg_output')) svg_output = 'eg-bn-M4.svg'
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
    set logscale x
    set autoscale xfix
    set xlabel 'α = samples / N'
    set ylabel 'generalization error ε_g'
    set title 'Generalization error (runs bn M=4)' noenhanced
    set key outside right top Left reverse samplen 3
    set autoscale y
    set logscale y
    set format y '10^{%L}'
    plot 'simulation.dat' index 12 using 1:12:($12-$13 > 0 ? $12-$13 : $12):($12+$13) with yerrorbars lt 1 pt 7 title 'bn η=4 M=4 training.samples_per_dimension=0.5 (simulation)' noenhanced, \
         'simulation.dat' index 13 using 1:12:($12-$13 > 0 ? $12-$13 : $12):($12+$13) with yerrorbars lt 2 pt 4 title 'bn η=4 M=4 training.samples_per_dimension=1 (simulation)' noenhanced, \
         'simulation.dat' index 14 using 1:12:($12-$13 > 0 ? $12-$13 : $12):($12+$13) with yerrorbars lt 3 pt 9 title 'bn η=4 M=4 training.samples_per_dimension=2 (simulation)' noenhanced, \
         'simulation.dat' index 15 using 1:12:($12-$13 > 0 ? $12-$13 : $12):($12+$13) with yerrorbars lt 4 pt 12 title 'bn η=4 M=4 training.samples_per_dimension=4 (simulation)' noenhanced, \
         'simulation.dat' index 16 using 1:12:($12-$13 > 0 ? $12-$13 : $12):($12+$13) with yerrorbars lt 5 pt 6 title 'bn η=4 M=4 training.samples_per_dimension=8 (simulation)' noenhanced, \
         'simulation.dat' index 17 using 1:12:($12-$13 > 0 ? $12-$13 : $12):($12+$13) with yerrorbars lt 6 pt 5 title 'bn η=4 M=4 training.samples_per_dimension=16 (simulation)' noenhanced
    set output
}
