import numpy as np, sys
sys.path.insert(0,'/tmp/bnv')
from relustab import F
from closed import relu_cf
from scipy.integrate import solve_ivp
from scipy.optimize import fsolve
def run(ep, T=4000, y0=(0.97,1.0)):
    ev = lambda a,y: y[1]-1e8; ev.terminal=True
    sol = solve_ivp(lambda a,y: F(y[0],y[1],ep), (0,T), list(y0), method='LSODA', rtol=1e-10, atol=1e-12, events=ev)
    return sol.t[-1], sol.y[:,-1]
for ep in [2.05, 2.1, 2.2, 2.3, 2.4, 2.5, 2.6, 2.8, 3.0]:
    t, (R,Q) = run(ep)
    s=np.sqrt(Q); eg = relu_cf(R/s, s, 0)['eg']
    # jacobian (central FD, interior)
    h=1e-6; Jm = np.column_stack([(F(R+h,Q,ep)-F(R-h,Q,ep))/(2*h), (F(R,Q+h,ep)-F(R,Q-h,ep))/(2*h)])
    print('ep %.2f alpha_end %.0f R %.6f Q %.6g r %.6f eg %.3e  eig %s'%(ep, t, R, Q, R/s, eg, np.round(np.linalg.eigvals(Jm).real,5)))
