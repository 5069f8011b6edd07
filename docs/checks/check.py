import numpy as np, sys
sys.path.insert(0,'/tmp/bnv')
from quad import numeric
from closed import CF
rs = [-0.999,-0.7,-0.2,0.0,0.3,0.8,0.999]
ss = [-2.0,-0.6,0.0,0.4,1.0,1.7,3.0]
sigs = [0.0,0.5]
for act in ['relu','linear','erf']:
    worst = {}
    for r in rs:
        for s in ss:
            for sg in sigs:
                n = numeric(act, r, s, sg); c = CF[act](r, s, sg)
                for k in n:
                    e = abs(n[k]-c[k])
                    if e > worst.get(k,(0,))[0]: worst[k] = (e, r, s, sg, n[k], c[k])
    print(act); [print('  ',k, '%.2e at r=%g s=%g sig=%g (num %.12f cf %.12f)'%v) for k,v in worst.items()]
