import numpy as np, sys
sys.path.insert(0,'/tmp/bnv')
from closed import relu_cf
from scipy.integrate import solve_ivp
N, M, S = 1000, 4, 40
relu=lambda z: np.maximum(z,0)
def sim(method, eta, lam, kap, sig, alpha_max, seed=0):
    rng = np.random.default_rng(seed)
    ws = rng.standard_normal(N); ws *= np.sqrt(N)/np.linalg.norm(ws)
    w = rng.standard_normal((S,N)); w -= np.outer(w@ws/N, ws); w *= np.sqrt(N)/np.linalg.norm(w,axis=1)[:,None]  # Q0=1,R0=0
    gam = np.ones(S); T = int(alpha_max*N/M); out=[]
    for t in range(T+1):
        if t % (N//M) == 0:
            out.append(((w@ws)/N, (w*w).sum(1)/N, gam.copy()))
        x = rng.standard_normal((S,M,N))
        hs = x@ws/np.sqrt(N); h = np.einsum('smn,sn->sm',x,w)/np.sqrt(N)
        y = relu(hs) + sig*rng.standard_normal((S,M))
        if method=='sgd':
            d = (y-relu(h))*(h>0)
            gw = -np.einsum('sm,smn->sn',d,x)/(M*np.sqrt(N))
            w = (1-eta*lam/N)*w - eta*gw
        else:
            nw = np.linalg.norm(w,axis=1); u = h*np.sqrt(N)/nw[:,None]; a = gam[:,None]*u
            d = (y-relu(a))*(a>0)
            gu = -(d*gam[:,None])/M   # dL/du_i
            gw = (np.einsum('sm,smn->sn',gu,x) - (gu*u).sum(1)[:,None]*w/nw[:,None])/nw[:,None]
            gg = -(d*u).sum(1)/M
            w = (1-eta*lam/N)*w - eta*gw
            gam = gam - (eta/N)*(gg + 2*kap*gam)
    return np.array(out)  # (alpha, 3, S)
def ode(method, eta, lam, kap, sig, alpha_max):
    ep = eta/M
    def f(a, y):
        R,Q,g = y; s=np.sqrt(Q); r=R/s
        if method=='sgd':
            c=relu_cf(r,s,sig); return [ep*c['A']-ep*lam*R, 2*ep*s*c['B']+ep**2*c['C']-2*ep*lam*Q, 0]
        c=relu_cf(r,g,sig)
        return [ep*g/s*(c['A']-r*c['B'])-ep*lam*R, ep**2*g*g*c['C']/Q-2*ep*lam*Q, ep*(c['B']-2*kap*g)]
    return solve_ivp(f,(0,alpha_max),[0,1,1],t_eval=np.arange(alpha_max+1),rtol=1e-10,atol=1e-12).y
for cfg in [('sgd',3.0,0.1,0,0.3),('wn',3.0,0.0,0.05,0.3)]:
    out = sim(*cfg, alpha_max=6); th = ode(*cfg, alpha_max=6)
    print(cfg)
    for i,a in enumerate(range(7)):
        m = out[i].mean(-1); se = out[i].std(-1)/np.sqrt(S)
        print('  alpha %d  R %.4f(%.4f) ode %.4f | Q %.4f(%.4f) ode %.4f | gam %.4f(%.4f) ode %.4f'%(a,m[0],se[0],th[0,i],m[1],se[1],th[1,i],m[2],se[2],th[2,i]))
