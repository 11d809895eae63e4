#!/usr/bin/env python3
"""Peer of `cerebro bench bandit`: the same simulations and off-policy estimators in numpy.

simulate MEANS HORIZON RUNS SEED
    Bernoulli arms with the comma-separated MEANS; UCB1, Thompson sampling (Beta(1, 1) prior) and
    fixed epsilon-greedy (epsilon 0.1), each for RUNS runs of HORIZON pulls, vectorised across runs
    (one numpy step per pull for all runs at once). Prints one JSON line: per algorithm the mean
    cumulative pseudo-regret at the horizon.

evaluate LOG.csv
    Reads the bench log (columns arm, reward, p, x, target) with pandas and computes IPS, SNIPS and
    doubly robust (per-arm least squares of reward on [1, x]) with their standard errors. Prints
    one JSON line with the three values.

The process is timed from outside, as Cerebro's is: interpreter start, imports and reading included.
"""
import json
import sys

import numpy as np


def simulate(means, horizon, runs, seed):
    rng = np.random.default_rng(seed)
    mu = np.asarray(means, dtype=float)
    k = mu.size
    gaps = mu.max() - mu
    rows = np.arange(runs)
    out = {}
    for name in ("ucb1", "thompson", "epsilon_greedy"):
        pulls = np.zeros((runs, k))
        wins = np.zeros((runs, k))
        regret = np.zeros(runs)
        for t in range(1, horizon + 1):
            if name == "ucb1":
                if t <= k:
                    arm = np.full(runs, t - 1)
                else:
                    index = wins / pulls + np.sqrt(2.0 * np.log(t - 1) / pulls)
                    arm = index.argmax(axis=1)
            elif name == "thompson":
                arm = rng.beta(1.0 + wins, 1.0 + pulls - wins).argmax(axis=1)
            else:
                with np.errstate(divide="ignore", invalid="ignore"):
                    means_now = np.where(pulls > 0, wins / pulls, np.inf)
                greedy = means_now.argmax(axis=1)
                explore = rng.random(runs) < 0.1
                arm = np.where(explore, rng.integers(0, k, runs), greedy)
            reward = rng.random(runs) < mu[arm]
            pulls[rows, arm] += 1
            wins[rows, arm] += reward
            regret += gaps[arm]
        out[name] = float(regret.mean())
    return out


def evaluate(path):
    import pandas as pd
    log = pd.read_csv(path, dtype={"arm": "category", "target": "category"})
    arms = sorted(set(log["arm"].cat.categories) | set(log["target"].cat.categories))
    code = {a: i for i, a in enumerate(arms)}
    a = log["arm"].map(code).to_numpy(dtype=np.int64)
    t = log["target"].map(code).to_numpy(dtype=np.int64)
    r = log["reward"].to_numpy(dtype=float)
    p = log["p"].to_numpy(dtype=float)
    x = log["x"].to_numpy(dtype=float)
    n = r.size
    w = np.where(a == t, 1.0 / p, 0.0)
    wr = w * r
    ips = wr.mean()
    snips = wr.sum() / w.sum()
    q_logged = np.empty(n)
    q_target = np.empty(n)
    for arm in range(len(arms)):
        rows = a == arm
        design = np.column_stack([np.ones(rows.sum()), x[rows]])
        beta, *_ = np.linalg.lstsq(design, r[rows], rcond=None)
        q_logged[rows] = beta[0] + beta[1] * x[rows]
        target_rows = t == arm
        q_target[target_rows] = beta[0] + beta[1] * x[target_rows]
    dr_terms = q_target + w * (r - q_logged)
    return {
        "ips": float(ips), "ips_se": float(wr.std(ddof=1) / np.sqrt(n)),
        "snips": float(snips), "snips_se": float(np.sqrt(np.sum(w * w * (r - snips) ** 2)) / w.sum()),
        "dr": float(dr_terms.mean()), "dr_se": float(dr_terms.std(ddof=1) / np.sqrt(n)),
        "rows": int(n), "peer": "numpy " + np.__version__ + ", pandas " + pd.__version__,
    }


if __name__ == "__main__":
    if sys.argv[1] == "simulate":
        means = [float(v) for v in sys.argv[2].split(",")]
        result = simulate(means, int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
        result["peer"] = "numpy " + np.__version__
        print(json.dumps(result))
    elif sys.argv[1] == "evaluate":
        print(json.dumps(evaluate(sys.argv[2])))
    else:
        sys.exit("usage: bandit_peer.py simulate MEANS HORIZON RUNS SEED | evaluate LOG.csv")
