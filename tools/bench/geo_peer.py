#!/usr/bin/env python3
"""Peer of `cerebro bench geo`: the same market selection and analysis with numpy and scipy.

The synthetic control is GeoLift's fixed-effect one on the treated mean: series demeaned over the
fitting window, weights >= 0 summing to one by scipy.optimize.nnls on the system augmented with a
heavily weighted row of ones (the usual nnls route to the simplex). Conformal inference: refit on
every period under the null, sharp-null p-value of the summed absolute test residuals against
PERMUTATIONS random permutations; the analysis adds the ATT interval by bisection on the summed
residuals. Market selection: for each size, screen SCREEN random sets by pre-period fit, simulate
the TOP best over the last STARTS start times with each effect planted.
Usage: geo_peer.py DATA.csv DURATION EFFECTS SIZES SCREEN TOP STARTS PERMUTATIONS TREATED START SEED
Prints one JSON line with the timings.
"""
import csv
import json
import sys
import time

import numpy as np
import scipy
from scipy.optimize import nnls

(path, duration, effects, sizes, screen, top, starts, perms, treated, start_label, seed) = sys.argv[1:12]
duration, screen, top, starts, perms, seed = int(duration), int(screen), int(top), int(starts), int(perms), int(seed)
effects = [float(e) for e in effects.split(",")]
lo, hi = (int(x) for x in sizes.split("-"))
rng = np.random.default_rng(seed)

rows = {}
periods = set()
with open(path) as f:
    for r in csv.DictReader(f):
        rows.setdefault(r["location"], {})[r["date"]] = float(r["Y"])
        periods.add(r["date"])
periods = sorted(periods)
locations = sorted(rows)
Y = np.array([[rows[l][p] for p in periods] for l in locations])
nt = len(periods)


def fit(target, donors, fit_len):
    """Gaps of the fixed-effect synthetic control fitted on [0, fit_len)."""
    m1 = target[:fit_len].mean()
    d = donors - donors[:, :fit_len].mean(axis=1, keepdims=True)
    a = d[:, :fit_len].T
    big = 1e3 * max(1.0, np.abs(a).max())
    w, _ = nnls(np.vstack([a, big * np.ones(a.shape[1])]), np.append(target[:fit_len] - m1, big))
    return target - (m1 + w @ d)


def draws(total, post, count):
    return np.array([rng.permutation(total)[:post] for _ in range(count)])


def p_value(target, donors, pre, theta, sharp, idx):
    adj = target.copy()
    adj[pre:] -= theta
    u = fit(adj, donors, len(adj))
    r = np.abs(u) if sharp else u
    obs = abs(r[pre:].sum())
    return (1 + (np.abs(r[idx].sum(axis=1)) >= obs - 1e-9 * (obs + 1e-300)).sum()) / (len(idx) + 1)


def analyse(cell, pre, end, with_interval):
    tr = [locations.index(l) for l in cell]
    dn = [i for i in range(len(locations)) if i not in tr]
    target = Y[tr, :end].mean(axis=0)
    donors = Y[dn, :end]
    gaps = fit(target, donors, pre)
    att = gaps[pre:].mean()
    idx = draws(end, end - pre, perms)
    p = p_value(target, donors, pre, 0.0, True, idx)
    if not with_interval:
        return att, p, None
    step = max(np.sqrt((gaps[:pre] ** 2).mean()), 1e-6)
    bounds = []
    for sign in (-1, 1):
        inside, s, outside = att, step, None
        for _ in range(60):
            if p_value(target, donors, pre, att + sign * s, False, idx) <= 0.05:
                outside = att + sign * s
                break
            inside, s = att + sign * s, 2 * s
        for _ in range(60):
            if outside is None or abs(outside - inside) <= 1e-6 * step:
                break
            mid = 0.5 * (inside + outside)
            if p_value(target, donors, pre, mid, False, idx) <= 0.05:
                outside = mid
            else:
                inside = mid
        bounds.append(0.5 * (inside + (outside if outside is not None else inside)))
    return att, p, bounds


t0 = time.perf_counter()
last = nt - duration
simulated = 0
for size in range(lo, hi + 1):
    scored = []
    for _ in range(screen):
        cell = list(rng.choice(locations, size, replace=False))
        tr = [locations.index(l) for l in cell]
        dn = [i for i in range(len(locations)) if i not in tr]
        g = fit(Y[tr].mean(axis=0), Y[dn], last)
        scored.append((np.sqrt((g[:last] ** 2).sum()), cell))
    scored.sort(key=lambda x: x[0])
    for _, cell in scored[:top]:
        tr = [locations.index(l) for l in cell]
        dn = [i for i in range(len(locations)) if i not in tr]
        for s in range(last - starts + 1, last + 1):
            for e in effects:
                target = Y[tr, :s + duration].mean(axis=0)
                target[s:] *= 1 + e
                donors = Y[dn, :s + duration]
                fit(target, donors, s)
                p_value(target, donors, s, 0.0, True, draws(s + duration, duration, perms))
                simulated += 1
selection = time.perf_counter() - t0

t1 = time.perf_counter()
att, p, ci = analyse(treated.split(","), periods.index(start_label), nt, True)
analysis = time.perf_counter() - t1
print(json.dumps({"peer": "numpy " + np.__version__ + ", scipy " + scipy.__version__ + " nnls", "selection_seconds": selection,
                  "simulated_tests": simulated, "analysis_seconds": analysis, "att": att, "p_value": p, "interval": ci}))
