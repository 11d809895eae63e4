# ---
# id: power-python-statsmodels
# title: Sample size and minimum detectable effect in Python with statsmodels
# family: power
# methods: [power.proportions, power.means, power.mde]
# language: python
# data: ab_checkout.csv
# libraries: [pandas, statsmodels]
# description: >
#   Test planning with statsmodels' power classes: users per arm to detect a relative lift in a
#   conversion rate (NormalIndPower with Cohen's h from proportion_effectsize), users per arm for a
#   change in mean revenue (TTestIndPower with Cohen's d = difference / standard deviation), and the
#   minimum detectable effect for a fixed number of users (solve_power with effect_size left
#   unknown). Baselines and standard deviations come from historical data - the control arm of a
#   past test. Remember that the effect you plan for should be the smallest one worth acting on, not
#   the one you hope for; unequal splits need the ratio argument.
# ---
"""Sample sizes and MDE from historical data with statsmodels.stats.power."""
import json
import sys

import pandas as pd
from statsmodels.stats.power import NormalIndPower, TTestIndPower
from statsmodels.stats.proportion import proportion_effectsize


def main(path, relative_lift=0.10, alpha=0.05, power=0.80):
    history = pd.read_csv(path)
    history = history[history.variant == "control"]
    p0 = history.converted.mean()
    h = proportion_effectsize(p0 * (1 + relative_lift), p0)
    n_props = NormalIndPower().solve_power(effect_size=h, alpha=alpha, power=power, ratio=1.0)
    d = relative_lift * history.revenue.mean() / history.revenue.std(ddof=1)
    n_means = TTestIndPower().solve_power(effect_size=d, alpha=alpha, power=power, ratio=1.0)
    mde_d = TTestIndPower().solve_power(nobs1=5000, alpha=alpha, power=power, ratio=1.0)
    result = {
        "schema": "cerebro.result/1",
        "family": "power",
        "method": "power.proportions",
        "estimand": f"users per arm for a {relative_lift:.0%} relative lift",
        "estimates": [
            {"label": "n per arm (conversion)", "method": "power.proportions", "estimate": n_props,
             "extra": {"baseline_rate": p0, "cohens_h": h}},
            {"label": "n per arm (revenue)", "method": "power.means", "estimate": n_means,
             "extra": {"cohens_d": d}},
            {"label": "MDE in revenue with 5000 users per arm", "method": "power.mde",
             "estimate": mde_d * history.revenue.std(ddof=1)},
        ],
    }
    print(json.dumps(result, indent=2, default=float))


if __name__ == "__main__":
    main(sys.argv[1])
