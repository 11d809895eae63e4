#!/usr/bin/python3
"""Planted values of the power cases of the generation benchmark
(cerebro-agents/src/main/resources/io/cerebro/agents/bench/specs/power-*.yaml), from statsmodels.

Proportions use Cohen's h with NormalIndPower; means use d = mde / sd with TTestIndPower (the
t-test power; the looks case plans the fixed-sample n that the sequential plan inflates). Run: python3 tools/bench_power_oracles.py
"""
import math
import statsmodels
from statsmodels.stats.power import NormalIndPower, TTestIndPower
from statsmodels.stats.proportion import proportion_effectsize

p = NormalIndPower()
t = TTestIndPower()
def h(p1, p0):
    return proportion_effectsize(p1, p0)

out = {
    "power-proportions-n": p.solve_power(effect_size=h(0.12, 0.10), alpha=0.05, power=0.8, ratio=1.0),
    "power-proportions-power": p.solve_power(effect_size=h(0.23, 0.20), nobs1=2000, alpha=0.05, ratio=1.0),
    # the mde: the p1 - p0 whose h reaches power 0.8 with 5000 per arm
    "power-proportions-mde": None,
    "power-means-n": t.solve_power(effect_size=0.5 / 5, alpha=0.05, power=0.8, ratio=1.0),
    "power-means-power": t.solve_power(effect_size=1.0 / 5, nobs1=400, alpha=0.05, ratio=1.0),
    "power-means-looks": t.solve_power(effect_size=0.5 / 5, alpha=0.05, power=0.8, ratio=1.0),
}
hh = p.solve_power(nobs1=5000, alpha=0.05, power=0.8, ratio=1.0)
# invert h = 2 asin(sqrt(p1)) - 2 asin(sqrt(0.3)) for p1
p1 = math.sin(math.asin(math.sqrt(0.3)) + hh / 2) ** 2
out["power-proportions-mde"] = p1 - 0.3
print("statsmodels", statsmodels.__version__)
for k, v in out.items():
    print(k, repr(float(v)))
