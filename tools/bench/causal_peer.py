#!/usr/bin/python3
"""Peer for `cerebro bench causal`: the same four steps with statsmodels and scikit-learn.

Reads the raw little-endian float64 matrix written by the Java benchmark (columns: t, y, x1..xp),
times (1) the propensity model, statsmodels Logit; (2) Hajek IPW (ATE); (3) AIPW (ATE) with
statsmodels OLS outcome models per arm and the fitted scores; (4) 1:1 nearest-neighbour matching
on the score with replacement (ATT), scikit-learn NearestNeighbors; and prints one JSON line.
Usage: causal_peer.py FILE N P
"""
import json
import sys
import time

import numpy as np
import statsmodels.api as sm
from sklearn.neighbors import NearestNeighbors


def main():
    path, n, p = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    m = np.fromfile(path, dtype="<f8").reshape(n, p + 2)
    t = m[:, 0].copy()
    y = m[:, 1].copy()
    x = np.column_stack([np.ones(n), m[:, 2:]])
    times = {}

    s = time.perf_counter()
    fit = sm.Logit(t, x).fit(disp=0)
    e = fit.predict(x)
    times["propensity"] = time.perf_counter() - s

    s = time.perf_counter()
    w1 = t / e
    w0 = (1 - t) / (1 - e)
    ipw = (w1 @ y) / w1.sum() - (w0 @ y) / w0.sum()
    times["ipw"] = time.perf_counter() - s

    s = time.perf_counter()
    tr = t == 1
    m1 = sm.OLS(y[tr], x[tr]).fit().predict(x)
    m0 = sm.OLS(y[~tr], x[~tr]).fit().predict(x)
    psi = m1 - m0 + t * (y - m1) / e - (1 - t) * (y - m0) / (1 - e)
    aipw = psi.mean()
    aipw_se = psi.std() / np.sqrt(n)
    times["aipw"] = time.perf_counter() - s

    s = time.perf_counter()
    nn = NearestNeighbors(n_neighbors=1).fit(e[~tr].reshape(-1, 1))
    _, idx = nn.kneighbors(e[tr].reshape(-1, 1))
    att = (y[tr] - y[~tr][idx[:, 0]]).mean()
    times["matching"] = time.perf_counter() - s

    times["total"] = sum(times.values())
    print(json.dumps({"times": times, "ipw": ipw, "aipw": aipw, "aipw_se": aipw_se, "psm_att": att,
                      "statsmodels": sm.__version__, "numpy": np.__version__}))


if __name__ == "__main__":
    main()
