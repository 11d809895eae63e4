#!/usr/bin/python3
"""The peer of `cerebro bench abtest`: what a pandas + scipy user runs on an experiment CSV.

    /usr/bin/python3 tools/bench/ab_peer.py data.csv --treatment arm --outcome converted

Reads the whole file with pandas.read_csv (pandas.read_parquet, with pyarrow, for a .parquet file), takes the first arm in sort order as control and the
next as treatment, and runs the test `cerebro abtest --test auto` runs: the pooled two-proportion
z-test for a 0/1 outcome, Welch's t-test (scipy.stats.ttest_ind, equal_var=False) otherwise.
Prints one JSON object with the statistic and p-value, and the seconds from reading to the result
(in_process_s: the interpreter's start and imports are outside it).
"""
import argparse
import json
import math
import time

import numpy as np
import pandas as pd
from scipy import stats


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("--treatment", required=True)
    ap.add_argument("--outcome", required=True)
    args = ap.parse_args()
    start = time.perf_counter()
    df = pd.read_parquet(args.csv) if args.csv.endswith(".parquet") else pd.read_csv(args.csv)
    arms = sorted(df[args.treatment].dropna().astype(str).unique())
    labels = df[args.treatment].astype(str)
    y = df[args.outcome]
    c = y[labels == arms[0]].dropna().to_numpy(dtype=float)
    t = y[labels == arms[1]].dropna().to_numpy(dtype=float)
    binary = bool(np.isin(y.dropna().unique(), [0, 1]).all())
    if binary:
        sc, st = c.sum(), t.sum()
        pooled = (sc + st) / (len(c) + len(t))
        se = math.sqrt(pooled * (1 - pooled) * (1 / len(c) + 1 / len(t)))
        z = (st / len(t) - sc / len(c)) / se
        out = {"test": "z_proportions", "statistic": z, "p_value": 2 * stats.norm.sf(abs(z)),
               "diff": st / len(t) - sc / len(c)}
    else:
        r = stats.ttest_ind(t, c, equal_var=False)
        out = {"test": "welch", "statistic": float(r.statistic), "p_value": float(r.pvalue),
               "diff": float(t.mean() - c.mean())}
    out.update({"control": arms[0], "treatment": arms[1], "n_control": int(len(c)), "n_treatment": int(len(t)),
                "in_process_s": time.perf_counter() - start})
    print(json.dumps(out))


if __name__ == "__main__":
    main()
