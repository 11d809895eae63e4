#!/usr/bin/python3
"""Writes the bandit family's bundled example data (seeded, reproducible):

    /usr/bin/python3 tools/bandit_examples.py

examples/bandit/pulls.csv  : 600 pulls of three Bernoulli arms A, B, C (true rates 0.04, 0.05, 0.07),
                             chosen uniformly at random; columns arm, reward.
examples/bandit/arms.csv   : the same pulls as per-arm aggregates; columns arm, pulls, clicks.
examples/bandit/log.csv    : 5000 logged decisions; context segment (0/1) and score ~ U(0,1); the logging
                             policy picks A/B/C with probabilities (0.5,0.3,0.2) in segment 0 and
                             (0.2,0.3,0.5) in segment 1 (column p holds the logged arm's probability);
                             click rate of arm a = b_a + c_a*segment + d_a*score with b=(.10,.20,.15),
                             c=(.30,-.05,0), d=(.20,.10,.40); column new_policy holds a target policy
                             (C in segment 0, A in segment 1) whose true value is 0.5*(0.15+0.2) + 0.5*(0.1+0.3+0.1) = 0.425.
"""
import csv
import os
import random

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "examples", "bandit")
os.makedirs(OUT, exist_ok=True)
rng = random.Random(7)

with open(os.path.join(OUT, "pulls.csv"), "w", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["arm", "reward"])
    rates = {"A": 0.04, "B": 0.05, "C": 0.07}
    totals = {a: [0, 0] for a in "ABC"}
    for _ in range(600):
        a = rng.choice("ABC")
        reward = 1 if rng.random() < rates[a] else 0
        totals[a][0] += 1
        totals[a][1] += reward
        w.writerow([a, reward])

with open(os.path.join(OUT, "arms.csv"), "w", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["arm", "pulls", "clicks"])
    for a in "ABC":
        w.writerow([a] + totals[a])

B, C, D = (0.10, 0.20, 0.15), (0.30, -0.05, 0.0), (0.20, 0.10, 0.40)
LOG = ((0.5, 0.3, 0.2), (0.2, 0.3, 0.5))
with open(os.path.join(OUT, "log.csv"), "w", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["segment", "score", "arm", "p", "clicked", "new_policy"])
    for _ in range(5000):
        s = 1 if rng.random() < 0.5 else 0
        u = rng.random()
        r = rng.random()
        a = 0 if r < LOG[s][0] else 1 if r < LOG[s][0] + LOG[s][1] else 2
        click = 1 if rng.random() < B[a] + C[a] * s + D[a] * u else 0
        w.writerow([s, round(u, 6), "ABC"[a], LOG[s][a], click, "C" if s == 0 else "A"])
print("wrote", OUT)
