"""Peer timings for `cerebro bench quasi` (run by the command; /usr/bin/python3 with Debian's statsmodels).

usage: quasi_bench.py TWFE_CSV RDD_CSV REPEATS
  TWFE_CSV: unit,period,d,y  -> dummy-variable OLS y ~ d + C(unit) + C(period), errors clustered by unit
  RDD_CSV:  x,y              -> rdrobust's mserd bandwidth selection (vce = hc1, triangular kernel, p = 1)
                                written with statsmodels WLS fits for every local polynomial regression,
                                then the local linear fit at the selected bandwidth
Prints one JSON object: the best of REPEATS wall-clock seconds of each job (building the dummy
matrix excluded) and the estimates, so the command can check that both tools computed the same thing.
"""
import json
import sys
import time

import numpy as np
import pandas as pd
import statsmodels
import statsmodels.api as sm


def best(fn, repeats):
    out, t = None, float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        t = min(t, time.perf_counter() - t0)
    return out, t


PILOT = {"triangular": 2.576, "epanechnikov": 2.34, "uniform": 1.843}


def kweight(x, h, kernel="triangular"):
    u = np.abs(x) / h
    if kernel == "epanechnikov":
        return np.where(u <= 1, 0.75 * (1 - u ** 2) / h, 0.0)
    if kernel == "uniform":
        return np.where(u <= 1, 0.5 / h, 0.0)
    return np.where(u <= 1, (1 - u) / h, 0.0)


def bw_constants(x, y, o, nu, o_b, h_v, h_b, scale, kernel="triangular"):
    """rdrobust_bw for one side (cutoff 0) with HC1 residuals: variance, bias and regularisation constants."""
    w = kweight(x, h_v, kernel)
    ind = w > 0
    ex, ey, ew = x[ind], y[ind], w[ind]
    r = np.vander(ex, o + 1, increasing=True)
    fit = sm.WLS(ey, r, weights=ew).fit(cov_type="HC1")
    inv_g = fit.normalized_cov_params
    v_v = fit.cov_params()[nu, nu]
    v = r.T @ (ew * (ex / h_v) ** (o + 1))
    b_const = (h_v ** np.arange(o + 1) * (inv_g @ v))[nu]
    w = kweight(x, h_b, kernel)
    ind = w > 0
    rb = np.vander(x[ind], o_b + 1, increasing=True)
    fit_b = sm.WLS(y[ind], rb, weights=w[ind]).fit(cov_type="HC1" if scale > 0 else "nonrobust")
    bw_reg = 3 * b_const ** 2 * fit_b.cov_params()[o + 1, o + 1] if scale > 0 else 0.0
    bias = np.sqrt(2 * (o + 1 - nu)) * b_const * fit_b.params[o + 1]
    var = (2 * nu + 1) * h_v ** (2 * nu + 1) * v_v
    return var, bias, scale * (2 * (o + 1 - nu)) * bw_reg, 1 / (2 * o + 3)


def mserd(x, y, p=1, kernel="triangular"):
    q = p + 1
    xl, yl, xr, yr = x[x < 0], y[x < 0], x[x >= 0], y[x >= 0]
    iqr = np.quantile(x, 0.75, method="averaged_inverted_cdf") - np.quantile(x, 0.25, method="averaged_inverted_cdf")
    bw_max = max(abs(x.min()), abs(x.max()))
    c_bw = min(PILOT[kernel] * min(np.std(x, ddof=1), iqr / 1.349) * len(np.unique(x)) ** (-0.2), bw_max)
    dl = bw_constants(xl, yl, q + 1, q + 1, q + 2, c_bw, abs(x.min()), 0, kernel)
    dr = bw_constants(xr, yr, q + 1, q + 1, q + 2, c_bw, abs(x.max()), 0, kernel)
    d_bw = min(((dl[0] + dr[0]) / (dr[1] - dl[1]) ** 2) ** dl[3], bw_max)
    bl = bw_constants(xl, yl, q, p + 1, q + 1, c_bw, d_bw, 1, kernel)
    br = bw_constants(xr, yr, q, p + 1, q + 1, c_bw, d_bw, 1, kernel)
    b_bw = min(((bl[0] + br[0]) / ((br[1] - bl[1]) ** 2 + br[2] + bl[2])) ** bl[3], bw_max)
    hl = bw_constants(xl, yl, p, 0, q, c_bw, b_bw, 1, kernel)
    hr = bw_constants(xr, yr, p, 0, q, c_bw, b_bw, 1, kernel)
    h_bw = min(((hl[0] + hr[0]) / ((hr[1] - hl[1]) ** 2 + hr[2] + hl[2])) ** hl[3], bw_max)
    jumps = []
    for xs, ys in ((xl, yl), (xr, yr)):
        w = kweight(xs, h_bw, kernel)
        ind = w > 0
        fit = sm.WLS(ys[ind], np.vander(xs[ind], p + 1, increasing=True), weights=w[ind]).fit(cov_type="HC1")
        jumps.append(fit.params[0])
    return h_bw, b_bw, jumps[1] - jumps[0]


def main():
    twfe_csv, rdd_csv, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
    p = pd.read_csv(twfe_csv)
    X = pd.concat([p[["d"]], pd.get_dummies(p["unit"], prefix="u", dtype=float),
                   pd.get_dummies(p["period"], prefix="t", drop_first=True, dtype=float)], axis=1).to_numpy()
    y = p["y"].to_numpy()
    groups = p["unit"].to_numpy()
    twfe, t_twfe = best(lambda: sm.OLS(y, X).fit(method="qr", cov_type="cluster", cov_kwds={"groups": groups}), repeats)
    r = pd.read_csv(rdd_csv)
    (h, b, jump), t_rdd = best(lambda: mserd(r["x"].to_numpy(), r["y"].to_numpy()), repeats)
    print(json.dumps({"statsmodels": statsmodels.__version__, "twfe_seconds": t_twfe, "twfe_coef": float(twfe.params[0]),
                      "twfe_se": float(twfe.bse[0]), "twfe_columns": X.shape[1], "rdd_seconds": t_rdd,
                      "rdd_h": float(h), "rdd_b": float(b), "rdd_jump": float(jump)}))


if __name__ == "__main__":
    main()
