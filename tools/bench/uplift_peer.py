#!/usr/bin/env python3
"""Peer of `cerebro bench uplift`: a scikit-learn T-learner on the same rows.

Reads the bench CSV (w, y, tau, x1..xP), fits sklearn HistGradientBoostingRegressor (defaults) on
each arm, predicts mu1 - mu0 for every row (in-sample, no cross-fitting), and prints one JSON line:
seconds of the fit and prediction (reading excluded), sqrt-PEHE against the true tau, and the peak
resident memory of this process (ru_maxrss). With a third argument 'gbr', sklearn's
GradientBoostingRegressor is timed too, on a 5% subsample (it does not finish at a million rows in
minutes; its time is reported as measured on that subsample).
Usage: uplift_peer.py DATA.csv SEED [gbr]
"""
import json
import resource
import sys
import time

import numpy as np
import pandas as pd
import sklearn
from sklearn.ensemble import GradientBoostingRegressor, HistGradientBoostingRegressor

path, seed = sys.argv[1], int(sys.argv[2])
df = pd.read_csv(path)
w = df["w"].to_numpy()
y = df["y"].to_numpy()
tau = df["tau"].to_numpy()
X = df[[c for c in df.columns if c.startswith("x")]].to_numpy()
del df
t0 = time.perf_counter()
m0 = HistGradientBoostingRegressor(random_state=seed).fit(X[w == 0], y[w == 0])
m1 = HistGradientBoostingRegressor(random_state=seed).fit(X[w == 1], y[w == 1])
cate = m1.predict(X) - m0.predict(X)
seconds = time.perf_counter() - t0
out = {"peer": "scikit-learn " + sklearn.__version__ + " HistGradientBoostingRegressor T-learner", "seconds": seconds,
       "sqrt_pehe": float(np.sqrt(np.mean((cate - tau) ** 2))),
       "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
if len(sys.argv) > 3 and sys.argv[3] == "gbr":
    rng = np.random.default_rng(seed)
    sub = rng.random(len(y)) < 0.05
    t0 = time.perf_counter()
    g0 = GradientBoostingRegressor(random_state=seed).fit(X[sub & (w == 0)], y[sub & (w == 0)])
    g1 = GradientBoostingRegressor(random_state=seed).fit(X[sub & (w == 1)], y[sub & (w == 1)])
    g = g1.predict(X) - g0.predict(X)
    out["gbr_subsample_rows"] = int(sub.sum())
    out["gbr_seconds"] = time.perf_counter() - t0
    out["gbr_sqrt_pehe"] = float(np.sqrt(np.mean((g - tau) ** 2)))
print(json.dumps(out))
