#!/usr/bin/python3
"""The process peer of `cerebro bench quasi`'s headline: what a statsmodels user runs for TWFE on a panel CSV.

    /usr/bin/python3 tools/bench/twfe_cli_peer.py panel.csv

Reads the panel (unit, period, d, y) with pandas.read_csv, builds the dummy-variable design
y ~ d + C(unit) + C(period) and fits it with statsmodels OLS (QR), errors clustered by unit, as
quasi_bench.py does in process. Prints one JSON object with the coefficient on d, its clustered
standard error, the design's columns and the seconds from reading to the result (in_process_s).
"""
import json
import sys
import time

import pandas as pd
import statsmodels.api as sm


def main():
    start = time.perf_counter()
    p = pd.read_csv(sys.argv[1])
    X = pd.concat([p[["d"]], pd.get_dummies(p["unit"], prefix="u", dtype=float),
                   pd.get_dummies(p["period"], prefix="t", drop_first=True, dtype=float)], axis=1).to_numpy()
    fit = sm.OLS(p["y"].to_numpy(), X).fit(method="qr", cov_type="cluster", cov_kwds={"groups": p["unit"].to_numpy()})
    print(json.dumps({"coef": float(fit.params[0]), "se": float(fit.bse[0]), "columns": X.shape[1],
                      "in_process_s": time.perf_counter() - start}))


if __name__ == "__main__":
    main()
