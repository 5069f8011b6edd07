import numpy as np, sys
sys.path.insert(0,'/tmp/bnv')
from relubif import run
from closed import relu_cf
for ep in [0.5, 1.0, 1.9, 1.99, 2.01, 2.1, 2.2, 2.24, 2.245, 2.25, 2.3]:
    t,(R,Q) = run(ep, T=20000, y0=(0.0,1.0)); s=np.sqrt(Q)
    print('init R0=0 Q0=1 ep %.3f alpha_end %.0f R %.6f Q %.6g eg %.4e'%(ep,t,R,Q,relu_cf(R/s,s,0)['eg']))
import mpmath as mp
mp.mp.dps=40
def br(r):
    th=mp.acos(r); Jr=(mp.sqrt(1-r*r)+(mp.pi-th)*r)/(2*mp.pi); Kr=((mp.pi-th)+r*mp.sqrt(1-r*r))/(2*mp.pi)
    s=2*Kr/r; return 2*(s*s-2*s*Jr)/(2*Kr-4*s*Jr+s*s)
for e in [mp.mpf('1e-6'),mp.mpf('1e-10'),mp.mpf('1e-14')]:
    print('eps',e,'(eta-2)/sqrt(eps)=', mp.nstr((br(1-e)-2)/mp.sqrt(e),12))
print('2sqrt2/(3pi)=',mp.nstr(2*mp.sqrt(2)/(3*mp.pi),12), ' sqrt2/(3pi)*2=', mp.nstr(4*mp.sqrt(2)/(3*mp.pi),12))
