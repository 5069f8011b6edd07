# Order parameters Q, R, r, γ against α: theory lines, simulation seed means ± standard error.
# Written by `bnsim plot`; run `gnuplot order_parameters-wn-M4.gp` in this directory to redraw order_parameters-wn-M4.png and order_parameters-wn-M4.svg.
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
if (!exists('png_output')) png_output = 'order_parameters-wn-M4.png'
if (!exists('svg_output')) svg_output = 'order_parameters-wn-M4.svg'
font = 'DejaVu Sans,13'
do for [format in 'png svg'] {
    if (format eq 'svg') {
        set terminal svg size 1500,900 font font enhanced background rgb 'white'
    } else { if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) {
        set terminal pngcairo size 1500,900 font font enhanced background rgb 'white'
    } else {
        set terminal png size 1500,900 font font enhanced background rgb 'white'
    } }
    set output (format eq 'png' ? png_output : svg_output)
    reset
    set encoding utf8
    set datafile separator tab
    set grid lc rgb '#dddddd'
    set multiplot title 'Order parameters: theory lines, simulation seed means ± s.e. (runs wn M=4)' noenhanced
    set logscale x
    set autoscale xfix
    set xlabel 'α = samples / N'
    set origin 0.0,0.48
    set size 0.37,0.46
    unset key
    set ylabel 'Q = w·w / N'
    set autoscale y
    set logscale y
    set format y '%g'
    plot 'simulation.dat' index 6 using 1:2:($2-$3 > 0 ? $2-$3 : $2):($2+$3) with yerrorbars lt 1 pt 7 notitle, \
         'simulation.dat' index 7 using 1:2:($2-$3 > 0 ? $2-$3 : $2):($2+$3) with yerrorbars lt 2 pt 4 notitle, \
         'simulation.dat' index 8 using 1:2:($2-$3 > 0 ? $2-$3 : $2):($2+$3) with yerrorbars lt 3 pt 9 notitle, \
         'simulation.dat' index 9 using 1:2:($2-$3 > 0 ? $2-$3 : $2):($2+$3) with yerrorbars lt 4 pt 12 notitle, \
         'simulation.dat' index 10 using 1:2:($2-$3 > 0 ? $2-$3 : $2):($2+$3) with yerrorbars lt 5 pt 6 notitle, \
         'simulation.dat' index 11 using 1:2:($2-$3 > 0 ? $2-$3 : $2):($2+$3) with yerrorbars lt 6 pt 5 notitle
    set origin 0.37,0.48
    set size 0.37,0.46
    unset key
    set ylabel 'R = w·w^* / N'
    set autoscale y
    unset logscale y
    set format y '%g'
    plot 'simulation.dat' index 6 using 1:4:($4-$5 > 0 ? $4-$5 : $4):($4+$5) with yerrorbars lt 1 pt 7 notitle, \
         'simulation.dat' index 7 using 1:4:($4-$5 > 0 ? $4-$5 : $4):($4+$5) with yerrorbars lt 2 pt 4 notitle, \
         'simulation.dat' index 8 using 1:4:($4-$5 > 0 ? $4-$5 : $4):($4+$5) with yerrorbars lt 3 pt 9 notitle, \
         'simulation.dat' index 9 using 1:4:($4-$5 > 0 ? $4-$5 : $4):($4+$5) with yerrorbars lt 4 pt 12 notitle, \
         'simulation.dat' index 10 using 1:4:($4-$5 > 0 ? $4-$5 : $4):($4+$5) with yerrorbars lt 5 pt 6 notitle, \
         'simulation.dat' index 11 using 1:4:($4-$5 > 0 ? $4-$5 : $4):($4+$5) with yerrorbars lt 6 pt 5 notitle
    set origin 0.0,0.0
    set size 0.37,0.46
    unset key
    set ylabel 'r = R / √Q'
    set autoscale y
    unset logscale y
    set format y '%g'
    plot 'simulation.dat' index 6 using 1:6:($6-$7 > 0 ? $6-$7 : $6):($6+$7) with yerrorbars lt 1 pt 7 notitle, \
         'simulation.dat' index 7 using 1:6:($6-$7 > 0 ? $6-$7 : $6):($6+$7) with yerrorbars lt 2 pt 4 notitle, \
         'simulation.dat' index 8 using 1:6:($6-$7 > 0 ? $6-$7 : $6):($6+$7) with yerrorbars lt 3 pt 9 notitle, \
         'simulation.dat' index 9 using 1:6:($6-$7 > 0 ? $6-$7 : $6):($6+$7) with yerrorbars lt 4 pt 12 notitle, \
         'simulation.dat' index 10 using 1:6:($6-$7 > 0 ? $6-$7 : $6):($6+$7) with yerrorbars lt 5 pt 6 notitle, \
         'simulation.dat' index 11 using 1:6:($6-$7 > 0 ? $6-$7 : $6):($6+$7) with yerrorbars lt 6 pt 5 notitle
    set origin 0.37,0.0
    set size 0.37,0.46
    unset key
    set ylabel 'γ'
    set autoscale y
    unset logscale y
    set format y '%g'
    plot 'simulation.dat' index 6 using 1:8:($8-$9 > 0 ? $8-$9 : $8):($8+$9) with yerrorbars lt 1 pt 7 notitle, \
         'simulation.dat' index 7 using 1:8:($8-$9 > 0 ? $8-$9 : $8):($8+$9) with yerrorbars lt 2 pt 4 notitle, \
         'simulation.dat' index 8 using 1:8:($8-$9 > 0 ? $8-$9 : $8):($8+$9) with yerrorbars lt 3 pt 9 notitle, \
         'simulation.dat' index 9 using 1:8:($8-$9 > 0 ? $8-$9 : $8):($8+$9) with yerrorbars lt 4 pt 12 notitle, \
         'simulation.dat' index 10 using 1:8:($8-$9 > 0 ? $8-$9 : $8):($8+$9) with yerrorbars lt 5 pt 6 notitle, \
         'simulation.dat' index 11 using 1:8:($8-$9 > 0 ? $8-$9 : $8):($8+$9) with yerrorbars lt 6 pt 5 notitle
    set origin 0.74,0.0
    set size 0.26,0.94
    unset border
    unset tics
    unset xlabel
    unset ylabel
    unset logscale
    unset grid
    set xrange [0:1]
    set yrange [0:1]
    set key center center Left reverse samplen 3
    plot NaN with points lt 1 pt 7 title 'wn η=4 M=4 training.samples_per_dimension=0.5 (simulation)' noenhanced, \
         NaN with points lt 2 pt 4 title 'wn η=4 M=4 training.samples_per_dimension=1 (simulation)' noenhanced, \
         NaN with points lt 3 pt 9 title 'wn η=4 M=4 training.samples_per_dimension=2 (simulation)' noenhanced, \
         NaN with points lt 4 pt 12 title 'wn η=4 M=4 training.samples_per_dimension=4 (simulation)' noenhanced, \
         NaN with points lt 5 pt 6 title 'wn η=4 M=4 training.samples_per_dimension=8 (simulation)' noenhanced, \
         NaN with points lt 6 pt 5 title 'wn η=4 M=4 training.samples_per_dimension=16 (simulation)' noenhanced
    unset multiplot
    set output
}
