import numpy as np, sys, warnings
sys.path.insert(0,'/tmp/bnv')
from scipy.integrate import dblquad
from quad import ACT
from closed import CF
warnings.simplefilter('ignore')
phi = lambda x: np.exp(-x*x/2)/np.sqrt(2*np.pi)
def dq(f, r):
    c = np.sqrt(1-r*r); L = 14.0
    tot = 0.0
    for (u0,u1) in [(-L,0),(0,L)]:
        for lo, hi in [(lambda u: -L, lambda u: -r*u/c), (lambda u: -r*u/c, lambda u: L)]:
            v,_ = dblquad(lambda z,u: f(u, r*u+c*z)*phi(u)*phi(z), u0, u1, lo, hi, epsabs=1e-14, epsrel=1e-13)
            tot += v
    return tot
worst = {}
for act in ['relu','linear','erf']:
    g, gp = ACT[act]
    g1 = lambda x: g(np.array(x,float)); gp1 = lambda x: float(gp(np.array([x],float))[0])
    for r in [-0.999,-0.5,0.3,0.999]:
        for s in [-1.3,0.7,2.0]:
            sg = 0.5
            d = lambda u,h: (float(g1(h))-float(g1(s*u)))*gp1(s*u)
            num = dict(A=dq(lambda u,h: d(u,h)*h, r), B=dq(lambda u,h: d(u,h)*u, r), D=dq(d, r),
                       C=dq(lambda u,h: d(u,h)**2 + sg**2*gp1(s*u)**2, r),
                       eg=0.5*dq(lambda u,h: (float(g1(h))-float(g1(s*u)))**2, r))
            cf = CF[act](r,s,sg)
            for k in num:
                e = abs(num[k]-cf[k]); key=(act,k)
                if e > worst.get(key,(0,))[0]: worst[key]=(e,r,s)
for k,v in worst.items(): print(k, '%.2e at r=%g s=%g'%v)
