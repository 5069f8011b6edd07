import numpy as np
S2P = np.sqrt(2*np.pi)
def J(r): th = np.arccos(np.clip(r,-1,1)); return (np.sqrt(max(0,1-r*r)) + (np.pi-th)*r)/(2*np.pi)
def K(r): th = np.arccos(np.clip(r,-1,1)); return ((np.pi-th) + r*np.sqrt(max(0,1-r*r)))/(2*np.pi)
def relu_cf(r, s, sigma):
    if s == 0: return dict(A=0., B=0., D=0., C=0., eg=0.25)
    if s < 0:
        o = relu_cf(-r, -s, sigma); o['B'] = -o['B']; return o
    return dict(A=K(r)-s*r/2, B=J(r)-s/2, D=(1+r)/(2*S2P)-s/S2P,
                C=K(r)-2*s*J(r)+s*s/2+sigma**2/2, eg=0.25-s*J(r)+s*s/4)
def linear_cf(r, s, sigma):
    return dict(A=1-s*r, B=r-s, D=0., C=1-2*s*r+s*s+sigma**2, eg=0.5*(1-2*s*r+s*s))
# erf (Saad & Solla)
def I2(C,p,q): return 2/np.pi*np.arcsin(C[p][q]/np.sqrt((1+C[p][p])*(1+C[q][q])))
def I3(C,p,q,c):
    L3 = (1+C[p][p])*(1+C[c][c]) - C[p][c]**2
    return 2/np.pi*(C[q][c]*(1+C[p][p]) - C[p][q]*C[p][c])/((1+C[p][p])*np.sqrt(L3))
def I4(C,p,q,c,d):
    L4 = (1+C[p][p])*(1+C[q][q]) - C[p][q]**2
    L0 = L4*C[c][d] - C[q][c]*C[q][d]*(1+C[p][p]) - C[p][c]*C[p][d]*(1+C[q][q]) + C[p][q]*C[p][c]*C[q][d] + C[p][q]*C[p][d]*C[q][c]
    L1 = L4*(1+C[c][c]) - C[q][c]**2*(1+C[p][p]) - C[p][c]**2*(1+C[q][q]) + 2*C[p][q]*C[p][c]*C[q][c]
    L2 = L4*(1+C[d][d]) - C[q][d]**2*(1+C[p][p]) - C[p][d]**2*(1+C[q][q]) + 2*C[p][q]*C[p][d]*C[q][d]
    return 4/np.pi**2/np.sqrt(L4)*np.arcsin(L0/np.sqrt(L1*L2))
def J2(C,p,q): return 2/np.pi/np.sqrt(1+C[p][p]+C[q][q]+C[p][p]*C[q][q]-C[p][q]**2)
def erf_cf(r, s, sigma):
    C = {'x': {'x':1., 'a':s*r, 'u':r}, 'a': {'x':s*r, 'a':s*s, 'u':s}, 'u': {'x':r, 'a':s, 'u':1.}}
    return dict(A=I3(C,'a','x','x')-I3(C,'a','x','a'), B=I3(C,'a','u','x')-I3(C,'a','u','a'), D=0.,
                C=I4(C,'a','a','x','x')-2*I4(C,'a','a','x','a')+I4(C,'a','a','a','a')+sigma**2*J2(C,'a','a'),
                eg=0.5*(I2(C,'x','x')-2*I2(C,'x','a')+I2(C,'a','a')))
CF = {'relu': relu_cf, 'linear': linear_cf, 'erf': erf_cf}
