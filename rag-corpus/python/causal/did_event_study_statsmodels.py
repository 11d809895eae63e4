# ---
# id: causal-python-did-event-study
# title: Difference-in-differences and an event study with clustered standard errors in statsmodels
# family: causal
# methods: [causal.did, causal.event_study]
# language: python
# data: causal_panel.csv
# libraries: [pandas, statsmodels]
# description: >
#   Panel-data policy evaluation with statsmodels formulas. The 2x2 difference-in-differences
#   regresses the outcome on treated, post and their interaction for one adoption cohort versus
#   never-treated units; the event study replaces the interaction with one dummy per period
#   relative to adoption (period -1 omitted) plus unit and period fixed effects, so leads test for
#   pre-trends and lags trace the dynamic effect. Standard errors are clustered by unit
#   (cov_type='cluster'), which is essential with serially correlated outcomes. With staggered
#   adoption across several cohorts, use a heterogeneity-robust estimator (Callaway-Sant'Anna)
#   instead of pooling all cohorts in one TWFE regression.
# ---
"""2x2 DiD and event study on one adoption cohort vs never-treated, unit-clustered SEs."""
import json
import sys

import pandas as pd
import statsmodels.formula.api as smf


def main(path, cohort=6):
    df = pd.read_csv(path)
    df = df[df.first_treated.isin([0, cohort])].copy()
    df["treated_group"] = (df.first_treated == cohort).astype(int)
    df["post"] = (df.period >= cohort).astype(int)
    groups = pd.factorize(df.unit)[0]
    did = smf.ols("outcome ~ treated_group * post", df).fit(cov_type="cluster", cov_kwds={"groups": groups})

    estimates = [{"label": "ATT (treated x post)", "method": "causal.did",
                  "estimate": did.params["treated_group:post"], "standardError": did.bse["treated_group:post"],
                  "pValue": did.pvalues["treated_group:post"]}]
    rel = df.period - cohort
    names = []
    for r in sorted(rel.unique()):
        if r == -1:
            continue
        name = f"rel_m{-r}" if r < 0 else f"rel_p{r}"
        df[name] = ((rel == r) & (df.treated_group == 1)).astype(int)
        names.append((r, name))
    es = smf.ols("outcome ~ " + " + ".join(n for _, n in names) + " + C(unit) + C(period)", df).fit(
        cov_type="cluster", cov_kwds={"groups": groups})
    for r, name in names:
        estimates.append({"label": f"relative period {r}", "method": "causal.event_study",
                          "estimate": es.params[name], "standardError": es.bse[name]})
    print(json.dumps({"schema": "cerebro.result/1", "family": "causal", "method": "causal.did",
                      "estimand": f"effect on units adopting in period {cohort}", "estimates": estimates},
                     indent=2, default=float))


if __name__ == "__main__":
    main(sys.argv[1])
