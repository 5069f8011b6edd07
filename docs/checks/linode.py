import numpy as np, sys
sys.path.insert(0,'/tmp/bnv')
from scipy.integrate import solve_ivp
from closed import linear_cf
def rhs(al, y, ep, lam, sig):
    R, Q = y; s = np.sqrt(Q); r = R/s
    c = linear_cf(r, s, sig)
    return [ep*c['A'] - ep*lam*R, 2*ep*s*c['B'] + ep**2*c['C'] - 2*ep*lam*Q]
def exact(al, R0, Q0, ep, lam, sig):
    a = ep*(1+lam); Rinf = 1/(1+lam)
    b = 2*ep*(1+lam) - ep**2; c = 2*ep - 2*ep**2; d = ep**2*(1+sig**2)
    K = c*(R0-Rinf)/(b-a); Qinf = (c*Rinf + d)/b
    return Rinf + (R0-Rinf)*np.exp(-a*al), Qinf + (Q0-Qinf-K)*np.exp(-b*al) + K*np.exp(-a*al)
worst = 0
for ep, lam, sig, R0, Q0 in [(0.5,0,0,0,1),(0.1,0.2,0.5,0.3,2.0),(1.5,0,0.3,-0.5,1.0),(1.9,0.1,1.0,0.9,0.9),(0.8,0.5,0,0,0.25),(2.5,0.5,0.2,0.1,1.0)]:
    al = np.linspace(0, 20, 201)
    sol = solve_ivp(rhs, (0,20), [R0,Q0], t_eval=al, args=(ep,lam,sig), method='DOP853', rtol=1e-11, atol=1e-13)
    Re, Qe = exact(al, R0, Q0, ep, lam, sig)
    e = max(np.max(np.abs(sol.y[0]-Re)), np.max(np.abs(sol.y[1]-Qe)/np.maximum(1,np.abs(Qe))))
    worst = max(worst, e); print(ep, lam, sig, R0, Q0, 'b=%.3f'%(2*ep*(1+lam)-ep**2), 'err %.2e'%e, 'Q(20)=%.6g'%Qe[-1])
print('worst', worst)
# unstable (b<0) and degenerate (a==b) cases
for ep, lam, sig, R0, Q0 in [(2.3,0,0.1,0,1),(3.5,0.5,0,0.2,1)]:
    al = np.linspace(0, 10, 101)
    sol = solve_ivp(rhs, (0,10), [R0,Q0], t_eval=al, args=(ep,lam,sig), method='DOP853', rtol=1e-11, atol=1e-13)
    Re, Qe = exact(al, R0, Q0, ep, lam, sig)
    print('unstable', ep, lam, 'relerr Q %.2e'%np.max(np.abs(sol.y[1]-Qe)/np.abs(Qe)), 'Q(10)=%.3g'%Qe[-1])
for lam in [0.3, 1.0]:
    ep = 1+lam; sig=0.4; R0, Q0 = 0.1, 1.5
    a = ep*(1+lam); Rinf=1/(1+lam); b=a; c=2*ep-2*ep**2; d=ep**2*(1+sig**2); Qinf=(c*Rinf+d)/b
    al = np.linspace(0, 10, 101)
    sol = solve_ivp(rhs, (0,10), [R0,Q0], t_eval=al, args=(ep,lam,sig), method='DOP853', rtol=1e-11, atol=1e-13)
    Qe = Qinf + (Q0-Qinf)*np.exp(-a*al) + c*(R0-Rinf)*al*np.exp(-a*al)
    print('degenerate a=b lam', lam, 'err %.2e'%np.max(np.abs(sol.y[1]-Qe)))
