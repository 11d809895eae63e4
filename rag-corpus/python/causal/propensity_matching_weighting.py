# ---
# id: causal-python-psm-ipw
# title: Propensity score matching and inverse probability weighting in Python (statsmodels, scikit-learn)
# family: causal
# methods: [causal.psm, causal.ipw]
# language: python
# data: causal_observational.csv
# libraries: [pandas, numpy, statsmodels, scikit-learn]
# description: >
#   Observational effect estimation for a binary treatment (a coupon) with the two workhorse
#   propensity score methods. The propensity score comes from a statsmodels logistic regression on
#   the confounders. Matching: each treated customer is matched with replacement to the nearest
#   control on the logit of the score (scikit-learn NearestNeighbors) for the effect on the treated.
#   Weighting: normalised (Hajek) inverse probability weights for the average effect, with the
#   effective sample size and weighted standardised mean differences as balance diagnostics.
#   Both assume every confounder is measured and that treated and control customers overlap;
#   bootstrap or Abadie-Imbens standard errors are needed for matching.
# ---
"""Propensity score matching (ATT) and Hajek IPW (ATE) with balance diagnostics."""
import json
import sys

import numpy as np
import pandas as pd
import statsmodels.api as sm
from sklearn.neighbors import NearestNeighbors

CONFOUNDERS = ["age", "income_k", "prior_purchases", "loyalty_member"]


def main(path, treatment="coupon", outcome="spend"):
    df = pd.read_csv(path)
    X = sm.add_constant(df[CONFOUNDERS])
    ps = sm.Logit(df[treatment], X).fit(disp=0).predict(X)
    logit = np.log(ps / (1 - ps))
    t = df[treatment].values == 1
    y = df[outcome].values

    nn = NearestNeighbors(n_neighbors=1).fit(logit[~t].values.reshape(-1, 1))
    _, idx = nn.kneighbors(logit[t].values.reshape(-1, 1))
    att = float(np.mean(y[t] - y[~t][idx[:, 0]]))

    w = np.where(t, 1 / ps, 1 / (1 - ps))
    ate = float(np.sum(w * t * y) / np.sum(w * t) - np.sum(w * ~t * y) / np.sum(w * ~t))
    ess = float(w.sum() ** 2 / (w ** 2).sum())
    smd = {}
    for col in CONFOUNDERS:
        x = df[col].values
        m1, m0 = np.average(x[t], weights=w[t]), np.average(x[~t], weights=w[~t])
        v1, v0 = np.average((x[t] - m1) ** 2, weights=w[t]), np.average((x[~t] - m0) ** 2, weights=w[~t])
        smd[col] = float((m1 - m0) / np.sqrt((v1 + v0) / 2))
    result = {
        "schema": "cerebro.result/1",
        "family": "causal",
        "method": "causal.ipw",
        "estimand": f"effect of {treatment} on {outcome}",
        "estimates": [
            {"label": "ATT (1:1 matching with replacement)", "method": "causal.psm", "estimate": att},
            {"label": "ATE (Hajek IPW)", "method": "causal.ipw", "estimate": ate,
             "extra": {"effective_sample_size": ess}},
        ],
        "details": {"weighted_smd": smd},
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main(sys.argv[1])
