"""Writes examples/uplift/uplift_example.csv (and the copy in cerebro-core's test resources):
a randomised email offer (propensity 0.5, column `propensity`) to 2000 customers with a planted
individual effect on `spend`:  tau = 2 + 3 * (visits - 5) / 3 + 2 * loyal,  so heavy visitors and loyal
customers gain most. Features: age, visits, tenure, loyal (0/1), region_score. True effects are
written to `true_cate` (not a feature: drop it from --features). Run: /usr/bin/python3 tools/uplift_example.py
"""
import os
import numpy as np

rng = np.random.default_rng(13)
n = 2000
age = np.round(rng.normal(40, 12, n).clip(18, 80))
visits = rng.poisson(5, n).astype(float)
tenure = np.round(rng.exponential(3, n), 2)
loyal = (rng.random(n) < 0.3).astype(int)
region = np.round(rng.normal(0, 1, n), 3)
w = (rng.random(n) < 0.5).astype(int)
tau = 2 + 3 * (visits - 5) / 3 + 2 * loyal
base = 20 + 0.2 * (age - 40) + 1.5 * visits + 0.8 * tenure + 3 * loyal + 2 * region
spend = np.round(base + w * tau + rng.normal(0, 4, n), 2)
root = os.path.join(os.path.dirname(__file__), "..")
header = "customer,offer,spend,age,visits,tenure,loyal,region_score,propensity,true_cate"
rows = [f"{i+1},{w[i]},{spend[i]},{int(age[i])},{int(visits[i])},{tenure[i]},{loyal[i]},{region[i]},0.5,{tau[i]:.4f}" for i in range(n)]
for d in ["examples/uplift", "cerebro-core/src/test/resources/uplift"]:
    os.makedirs(os.path.join(root, d), exist_ok=True)
    with open(os.path.join(root, d, "uplift_example.csv"), "w") as f:
        f.write(header + "\n" + "\n".join(rows) + "\n")
print("true ATE", tau.mean())
