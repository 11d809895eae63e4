#!/usr/bin/env python3
"""Peer of `cerebro bench mmm`: the same model and search written with numpy and scikit-learn.

Reads the bench CSV (week, sales, ch1..chK), holds out the final 10% of weeks, searches CANDIDATES
random points of (alpha in [0, 0.9], lambda in [0.1, 10]) per channel with normalised geometric
adstock (l_max 8) and logistic saturation on spend / max spend, fits sklearn Ridge(positive=True)
on standardised columns (trend, 2 yearly harmonics, media) for each, keeps the lowest training
NRMSE, then refits BOOTSTRAP moving-block residual bootstrap replicates with the selected
parameters. Prints one JSON line with timings and shares.
Usage: mmm_peer.py DATA.csv CANDIDATES BOOTSTRAP SEED
"""
import json
import sys
import time

import numpy as np

try:
    import sklearn
    from sklearn.linear_model import Ridge
    PEER = "scikit-learn " + sklearn.__version__
except ImportError:  # scipy fallback: non-negative ridge by bounded least squares on the augmented system
    Ridge = None
    from scipy.optimize import lsq_linear
    import scipy
    PEER = "scipy " + scipy.__version__ + " lsq_linear (scikit-learn not installed)"

path, candidates, boots, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
data = np.genfromtxt(path, delimiter=",", names=True, dtype=None, encoding="utf-8")
names = [n for n in data.dtype.names if n not in ("week", "sales")]
y = data["sales"].astype(float)
X = np.column_stack([data[n].astype(float) for n in names])
n, k = X.shape
t = np.arange(n)
base = [t / (n - 1)]
for h in (1, 2):
    base += [np.sin(2 * np.pi * h * t * 7 / 365.25), np.cos(2 * np.pi * h * t * 7 / 365.25)]
base = np.column_stack(base)
train = n - int(round(0.1 * n))
L = 8
RIDGE = 1e-3


def media(theta):
    out = np.empty((n, k))
    for c in range(k):
        a, lam = theta[2 * c], theta[2 * c + 1]
        w = a ** np.arange(L)
        w /= w.sum()
        ad = np.convolve(X[:, c], w)[:n]
        z = lam * ad / X[:, c].max()
        out[:, c] = (1 - np.exp(-z)) / (1 + np.exp(-z))
    return out


def fit(theta, yy, rows):
    M = np.column_stack([base, media(theta)])
    mu, sd = M[:rows].mean(0), M[:rows].std(0)
    Z = (M - mu) / sd
    ym = yy[:rows].mean()
    p = base.shape[1]
    if Ridge is not None:
        # sklearn's alpha is on the sum of squares; the engine's lambda is on the mean, so alpha = lambda * rows.
        # positive=True constrains every coefficient, so the free base columns enter with both signs
        Zs = np.column_stack([Z[:rows, :p], -Z[:rows, :p], Z[:rows, p:]])
        r = Ridge(alpha=RIDGE * rows, positive=True, fit_intercept=False).fit(Zs, yy[:rows] - ym)
        b = np.concatenate([r.coef_[:p] - r.coef_[p:2 * p], r.coef_[2 * p:]])
    else:
        A = np.vstack([Z[:rows], np.sqrt(RIDGE * rows) * np.eye(Z.shape[1])])
        rhs = np.concatenate([yy[:rows] - ym, np.zeros(Z.shape[1])])
        lo = np.r_[np.full(p, -np.inf), np.zeros(k)]
        b = lsq_linear(A, rhs, bounds=(lo, np.inf)).x
    fitted = ym + Z @ b
    e = yy[:rows] - fitted[:rows]
    nrmse = np.sqrt(np.mean(e ** 2)) / (yy[:rows].max() - yy[:rows].min())
    coef = b / sd
    contrib = media(theta) * coef[p:]
    return nrmse, fitted, contrib


rng = np.random.default_rng(seed)
lo = np.tile([0.0, 0.1], k)
hi = np.tile([0.9, 10.0], k)
start = time.perf_counter()
thetas = lo + rng.random((candidates, 2 * k)) * (hi - lo)
scores = [fit(th, y, train)[0] for th in thetas]
best = thetas[int(np.argmin(scores))]
search_s = time.perf_counter() - start
_, fitted, contrib = fit(best, y, n)
shares = contrib.sum(0) / y.sum()
resid = y - fitted
resid -= resid.mean()
block = max(2, int(np.ceil(n ** (1 / 3))))
start = time.perf_counter()
boot = []
for _ in range(boots):
    starts = rng.integers(0, n - block + 1, size=n // block + 1)
    ys = fitted + np.concatenate([resid[s:s + block] for s in starts])[:n]
    boot.append(fit(best, ys, n)[2].sum(0) / ys.sum())
boot_s = time.perf_counter() - start
print(json.dumps({"peer": PEER, "search_seconds": search_s, "bootstrap_seconds": boot_s,
                  "shares": dict(zip(names, shares.tolist())), "min_nrmse": float(min(scores))}))
