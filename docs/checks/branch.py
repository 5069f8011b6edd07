import numpy as np, sys
sys.path.insert(0,'/tmp/bnv')
from closed import J, K, relu_cf
from scipy.optimize import minimize_scalar
def branch(r):
    s = 2*K(r)/r; j=J(r); k=K(r)
    return s, 2*(s*s-2*s*j)/(2*k-4*s*j+s*s)
for r in [0.05,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,0.95,0.99,0.999,0.99999]:
    s, ep = branch(r); print('r %.5f s %.5f Q %.5f eta\' %.6f eg %.4e'%(r, s, s*s, ep, relu_cf(r,s,0)['eg']))
res = minimize_scalar(lambda r: -branch(r)[1], bounds=(0.05,0.99), method='bounded', options={'xatol':1e-12})
r=res.x; s,ep=branch(r); print('saddle-node: r=%.8f Q=%.8f eta\'_sn=%.10f eg=%.6f'%(r,s*s,ep,relu_cf(r,s,0)['eg']))
