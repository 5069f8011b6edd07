# Learning-rate window edges, divergence limit and local stability bound against batch size, per method.
# Written by `bnsim plot`; run `gnuplot lr_max_vs_M.gp` in this directory to redraw lr_max_vs_M.png and lr_max_vs_M.svg.
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
if (!exists('png_output')) png_output = 'lr_max_vs_M.png'
if (!exists('svg_output')) svg_output = 'lr_max_vs_M.svg'
font = 'DejaVu Sans,13'
do for [format in 'png svg'] {
    if (format eq 'svg') {
        set terminal svg size 1600,480 font font enhanced background rgb 'white'
    } else { if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) {
        set terminal pngcairo size 1600,480 font font enhanced background rgb 'white'
    } else {
        set terminal png size 1600,480 font font enhanced background rgb 'white'
    } }
    set output (format eq 'png' ? png_output : svg_output)
    reset
    set encoding utf8
    set datafile separator tab
    set grid lc rgb '#dddddd'
    set multiplot layout 1,4 title 'Learning-rate limits against batch size: theory lines, simulation open points' noenhanced
    set logscale xy 2
    set logscale y 10
    set format y '%g'
    set xlabel 'batch size M'
    set ylabel 'learning rate η'
    unset key
    set xrange [2.6666666666666665:48.0]
    set yrange [0.7233634813643616:160.0]
    set xtics ('4' 4.0, '8' 8.0, '16' 16.0, '32' 32.0)
    set title 'sgd' noenhanced
    plot 'lr_max.dat' index 0 using 1:2 with linespoints lt 1 pt 7 notitle, \
         'lr_max.dat' index 1 using 1:2 with points lt 1 pt 6 ps 1.8 notitle, \
         'lr_max.dat' index 2 using 1:2 with linespoints lt 2 pt 5 notitle, \
         'lr_max.dat' index 3 using 1:2 with points lt 2 pt 4 ps 1.8 notitle, \
         'lr_max.dat' index 4 using 1:2 with linespoints lt 3 pt 13 notitle, \
         'lr_max.dat' index 5 using 1:2 with points lt 3 pt 12 ps 1.8 notitle, \
         'lr_max.dat' index 6 using 1:2 with linespoints lt 5 pt 11 notitle
    set title 'wn' noenhanced
    plot 'lr_max.dat' index 7 using 1:2 with linespoints lt 1 pt 7 notitle, \
         'lr_max.dat' index 8 using 1:2 with points lt 1 pt 6 ps 1.8 notitle, \
         'lr_max.dat' index 9 using 1:2 with linespoints lt 4 pt 9 notitle, \
         'lr_max.dat' index 10 using 1:2 with points lt 4 pt 8 ps 1.8 notitle, \
         'lr_max.dat' index 11 using 1:2 with linespoints lt 6 pt 3 notitle
    set title 'bn' noenhanced
    plot 'lr_max.dat' index 12 using 1:2 with linespoints lt 1 pt 7 notitle, \
         'lr_max.dat' index 13 using 1:2 with points lt 1 pt 6 ps 1.8 notitle, \
         'lr_max.dat' index 14 using 1:2 with linespoints lt 4 pt 9 notitle, \
         'lr_max.dat' index 15 using 1:2 with points lt 4 pt 8 ps 1.8 notitle
    unset title
    unset border
    unset tics
    unset xlabel
    unset ylabel
    unset logscale
    unset grid
    set xrange [0:1]
    set yrange [0:1]
    set key center center Left reverse samplen 3
    plot NaN with linespoints lt 1 pt 7 title 'η_{low}: lower edge of the window', \
         NaN with linespoints lt 2 pt 5 title 'η_{high}: upper edge of the window', \
         NaN with linespoints lt 3 pt 13 title 'η_{div}: divergence limit', \
         NaN with linespoints lt 4 pt 9 title 'largest η tried, window open above', \
         NaN with linespoints lt 5 pt 11 title 'local stability bound on η', \
         NaN with linespoints lt 6 pt 3 title 'local stability bound on η_{eff} (not η)', \
         NaN with lines lc rgb 'black' lw 2 title 'theory', \
         NaN with points lc rgb 'black' pt 6 ps 1.8 title 'simulation'
    unset multiplot
    set output
}
