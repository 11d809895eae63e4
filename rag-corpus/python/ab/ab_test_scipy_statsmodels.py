# ---
# id: ab-python-scipy-statsmodels
# title: A/B test readout in Python - Welch t-test on revenue and z-test on conversion
# family: ab
# methods: [ab.welch, ab.z_proportions, ab.srm]
# language: python
# data: ab_checkout.csv
# libraries: [pandas, scipy, statsmodels]
# description: >
#   The standard two-arm experiment readout in a few lines of Python: a sample ratio mismatch check
#   first (scipy.stats.chisquare against the planned 50/50 split), then Welch's t-test for revenue per
#   user (scipy.stats.ttest_ind with equal_var=False, confidence interval from statsmodels
#   CompareMeans) and the pooled two-proportion z-test for conversion (statsmodels
#   proportions_ztest, with the Newcombe interval from confint_proportions_2indep). Prints the result
#   in Cerebro's JSON schema, so numbers can be compared with the Java engine. Assumes users are the
#   randomisation unit and each appears once; do not read metrics if the SRM check fails.
# ---
"""Two-arm A/B readout with scipy and statsmodels, printed as cerebro.result/1 JSON."""
import json
import sys

import pandas as pd
from scipy import stats
from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW


def main(path, arm_col="variant", control="control", treatment="treatment"):
    df = pd.read_csv(path)
    counts = df[arm_col].value_counts()
    srm = stats.chisquare([counts[control], counts[treatment]])
    t = df[df[arm_col] == treatment]
    c = df[df[arm_col] == control]

    welch = stats.ttest_ind(t.revenue, c.revenue, equal_var=False)
    low, high = CompareMeans(DescrStatsW(t.revenue.values), DescrStatsW(c.revenue.values)).tconfint_diff(
        alpha=0.05, usevar="unequal")
    xt, nt, xc, nc = int(t.converted.sum()), len(t), int(c.converted.sum()), len(c)
    z, pz = proportions_ztest([xt, xc], [nt, nc])
    nlow, nhigh = confint_proportions_2indep(xt, nt, xc, nc, method="newcomb", compare="diff")
    label = f"{treatment} vs {control}"
    result = {
        "schema": "cerebro.result/1",
        "family": "ab",
        "method": "ab.welch",
        "estimand": "difference in mean revenue and in conversion rate (treatment - control)",
        "sampleSizes": {control: nc, treatment: nt},
        "estimates": [
            {"label": label, "method": "ab.welch", "estimate": t.revenue.mean() - c.revenue.mean(),
             "interval": {"lower": low, "upper": high, "level": 0.95, "kind": "confidence"},
             "pValue": welch.pvalue, "statistic": {"name": "t", "value": welch.statistic}},
            {"label": label, "method": "ab.z_proportions", "estimate": xt / nt - xc / nc,
             "pValue": pz, "statistic": {"name": "z", "value": z},
             "extra": {"newcombe_lower": nlow, "newcombe_upper": nhigh}},
        ],
        "diagnostics": [{"name": "srm", "status": "fail" if srm.pvalue < 0.001 else "pass",
                         "values": {"chi2": srm.statistic, "p_value": srm.pvalue}}],
    }
    print(json.dumps(result, indent=2, default=float))


if __name__ == "__main__":
    main(sys.argv[1])
