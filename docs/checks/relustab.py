import numpy as np, sys
sys.path.insert(0,'/tmp/bnv')
from closed import relu_cf, J, K
from quad import numeric
from scipy.optimize import brentq, fsolve
from scipy.integrate import solve_ivp
def F(R, Q, ep, lam=0., sig=0., src='cf'):
    s = np.sqrt(Q); r = R/s
    c = relu_cf(r, s, sig) if src=='cf' else numeric('relu', r, s, sig)
    return np.array([ep*c['A'] - ep*lam*R, 2*ep*s*c['B'] + ep**2*c['C'] - 2*ep*lam*Q])
# derivative formulas K'(r)=sqrt(1-r^2)/pi, J'(r)=(pi-arccos r)/(2pi)
for r in [-0.5, 0.3, 0.9]:
    h=1e-6
    print('Kp', (K(r+h)-K(r-h))/(2*h) - np.sqrt(1-r*r)/np.pi, 'Jp', (J(r+h)-J(r-h))/(2*h) - (np.pi-np.arccos(r))/(2*np.pi))
def jac_onesided(ep, src='cf', h=1e-4):
    f0 = F(1,1,ep,src=src)
    hR = -h; dR = (-3*f0 + 4*F(1+hR,1,ep,src=src) - F(1+2*hR,1,ep,src=src))/(2*hR)
    hQ = h;  dQ = (-3*f0 + 4*F(1,1+hQ,ep,src=src) - F(1,1+2*hQ,ep,src=src))/(2*hQ)
    return np.column_stack([dR, dQ]), f0
for ep in [0.5, 1.0, 2.0]:
    for src in ['cf','quad']:
        Jm, f0 = jac_onesided(ep, src)
        Ja = ep*np.array([[-0.5, 0],[1-ep, -1+ep/2]])
        print('ep',ep,src,'F(1,1)=',f0,'max|J_fd-J_analytic|=%.1e'%np.max(np.abs(Jm-Ja)))
lmax = lambda ep: max(np.linalg.eigvals(jac_onesided(ep)[0]).real)
print('numerical crossing eta\' =', brentq(lmax, 1.0, 3.0, xtol=1e-12))
for h in [1e-3,1e-4,1e-5]:
    print('h',h,'crossing', brentq(lambda e: max(np.linalg.eigvals(jac_onesided(e,h=h)[0]).real), 1.0, 3.0, xtol=1e-12))
# nonlinear check: start near fixed point (inside r<1) and integrate
for ep in [1.9, 1.99, 2.01, 2.1]:
    sol = solve_ivp(lambda a,y: F(y[0],y[1],ep), (0,400), [0.97,1.0], method='DOP853', rtol=1e-10, atol=1e-12)
    R,Q = sol.y[:,-1]; print('ep',ep,'R,Q at alpha=400:', R, Q)
