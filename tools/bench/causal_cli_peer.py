#!/usr/bin/python3
"""Process peer of `cerebro bench causal`: what a statsmodels + scikit-learn user runs on a CSV.

    /usr/bin/python3 tools/bench/causal_cli_peer.py data.csv --method ipw|aipw|psm --confounders 20

Reads the file with pandas.read_csv (columns t, y, x1..xP), fits the propensity model with
statsmodels Logit and computes one estimator: Hajek IPW (ATE), AIPW (ATE) with statsmodels OLS
outcome models per arm, or 1:1 nearest-neighbour matching on the score with replacement (ATT,
scikit-learn NearestNeighbors). Prints one JSON object with the estimate and the seconds from
reading to the result (in_process_s; the interpreter's start and imports are outside it).
"""
import argparse
import json
import time

import numpy as np
import pandas as pd
import statsmodels.api as sm
from sklearn.neighbors import NearestNeighbors


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("--method", required=True, choices=["ipw", "aipw", "psm"])
    ap.add_argument("--confounders", type=int, required=True)
    args = ap.parse_args()
    start = time.perf_counter()
    df = pd.read_csv(args.csv)
    t = df["t"].to_numpy(dtype=float)
    y = df["y"].to_numpy(dtype=float)
    x = sm.add_constant(df[["x%d" % a for a in range(1, args.confounders + 1)]].to_numpy(dtype=float), has_constant="add")
    e = sm.Logit(t, x).fit(disp=0).predict(x)
    tr = t == 1
    if args.method == "ipw":
        w1 = t / e
        w0 = (1 - t) / (1 - e)
        est = (w1 @ y) / w1.sum() - (w0 @ y) / w0.sum()
    elif args.method == "aipw":
        m1 = sm.OLS(y[tr], x[tr]).fit().predict(x)
        m0 = sm.OLS(y[~tr], x[~tr]).fit().predict(x)
        est = (m1 - m0 + t * (y - m1) / e - (1 - t) * (y - m0) / (1 - e)).mean()
    else:
        nn = NearestNeighbors(n_neighbors=1).fit(e[~tr].reshape(-1, 1))
        _, idx = nn.kneighbors(e[tr].reshape(-1, 1))
        est = (y[tr] - y[~tr][idx[:, 0]]).mean()
    print(json.dumps({"method": args.method, "estimate": float(est), "in_process_s": time.perf_counter() - start}))


if __name__ == "__main__":
    main()
