#!/usr/bin/python3
"""Regenerates the small simulated CSVs the rag-corpus examples run on.

Run from the repository root:  /usr/bin/python3 rag-corpus/data/generate_data.py
numpy 1.24.2 (Debian 12), default_rng with the fixed seeds below; every file is simulated
for this project with a planted effect written next to it in rag-corpus/data/README.md.
"""
import csv
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(r)


def fmt(x, d=4):
    return f"{x:.{d}f}"


def ab_checkout():
    rng = np.random.default_rng(101)
    n = 600
    rows = []
    for i in range(n):
        arm = "treatment" if rng.random() < 0.5 else "control"
        country = rng.choice(["US", "DE", "BR"], p=[0.5, 0.3, 0.2])
        base = {"US": 0.12, "DE": 0.09, "BR": 0.06}[country]
        pre = rng.gamma(2.0, 12.0) * (1.3 if country == "US" else 1.0)
        p = base * (1.25 if arm == "treatment" else 1.0) + 0.001 * pre
        conv = int(rng.random() < min(p, 0.95))
        rev = 0.0
        if conv:
            rev = 0.6 * pre + rng.gamma(3.0, 10.0) * (1.05 if arm == "treatment" else 1.0)
        day = 1 + i * 14 // n
        rows.append([i + 1, day, arm, country, fmt(pre, 2), conv, fmt(rev, 2)])
    write("ab_checkout.csv", ["user_id", "day", "variant", "country", "pre_revenue", "converted", "revenue"], rows)


def ab_multiarm():
    rng = np.random.default_rng(202)
    rows = []
    for i in range(900):
        arm = rng.choice(["A", "B", "C"])
        lift = {"A": 1.0, "B": 1.10, "C": 1.35}[arm]
        conv = int(rng.random() < 0.10 * lift)
        rev = fmt(rng.gamma(2.0, 15.0 * lift), 2) if conv else "0.00"
        rows.append([i + 1, arm, conv, rev])
    write("ab_multiarm.csv", ["user_id", "variant", "converted", "revenue"], rows)


def causal_observational():
    rng = np.random.default_rng(303)
    rows = []
    for i in range(800):
        age = rng.integers(18, 70)
        income = rng.lognormal(10.5, 0.4) / 1000.0
        prior = rng.poisson(2.0)
        loyalty = int(rng.random() < 0.35)
        lin = -2.2 + 0.02 * (age - 40) + 0.015 * (income - 40) + 0.35 * prior + 0.9 * loyalty
        ps = 1 / (1 + np.exp(-lin))
        t = int(rng.random() < ps)
        sessions = 2.0 + 1.5 * t + 0.3 * prior + rng.normal(0, 1)
        spend = 20 + 0.25 * (age - 40) + 0.4 * income + 6 * prior + 10 * loyalty + 8 * t + 2.0 * sessions + rng.normal(0, 12)
        purchased = int(rng.random() < 1 / (1 + np.exp(-(-1.0 + 0.4 * prior + 0.5 * loyalty + 0.6 * t))))
        rows.append([i + 1, age, fmt(income, 2), prior, loyalty, t, fmt(sessions, 3), fmt(spend, 2), purchased])
    write("causal_observational.csv",
          ["customer_id", "age", "income_k", "prior_purchases", "loyalty_member", "coupon", "sessions", "spend", "purchased"], rows)


def causal_frontdoor():
    rng = np.random.default_rng(313)
    rows = []
    for i in range(1000):
        interest = rng.normal()  # unobserved: drives both ad exposure and purchases
        exposed = int(rng.random() < 1 / (1 + np.exp(-1.2 * interest)))
        visits = rng.poisson(1.0 + 2.0 * exposed)
        purchases = 0.5 + 0.8 * visits + 1.5 * interest + rng.normal(0, 1)
        rows.append([i + 1, exposed, visits, fmt(purchases, 3)])
    write("causal_frontdoor.csv", ["user_id", "saw_ad", "site_visits", "purchases"], rows)


def causal_panel():
    rng = np.random.default_rng(404)
    rows = []
    n_units, n_periods = 45, 12
    for u in range(n_units):
        cohort = [0, 6, 9][u % 3]
        alpha = rng.normal(50, 8)
        for t in range(1, n_periods + 1):
            d = int(cohort > 0 and t >= cohort)
            effect = (3.0 + 0.5 * (t - cohort)) if d else 0.0
            y = alpha + 0.8 * t + effect + rng.normal(0, 1.5)
            rows.append([f"u{u + 1:02d}", t, cohort, d, fmt(y, 3)])
    write("causal_panel.csv", ["unit", "period", "first_treated", "treated", "outcome"], rows)


def causal_rdd():
    rng = np.random.default_rng(505)
    sharp, fuzzy = [], []
    for i in range(1000):
        s = rng.uniform(-1, 1)
        y = 10 + 4 * s + 1.5 * s * s + 2.5 * (s >= 0) + rng.normal(0, 1)
        sharp.append([i + 1, fmt(s, 4), fmt(y, 4)])
        p = 0.8 if s >= 0 else 0.15
        d = int(rng.random() < p)
        y2 = 10 + 4 * s + 1.5 * s * s + 3.0 * d + rng.normal(0, 1)
        fuzzy.append([i + 1, fmt(s, 4), d, fmt(y2, 4)])
    write("causal_rdd_sharp.csv", ["student_id", "score", "outcome"], sharp)
    write("causal_rdd_fuzzy.csv", ["student_id", "score", "enrolled", "outcome"], fuzzy)


def causal_iv():
    rng = np.random.default_rng(606)
    rows = []
    for i in range(1000):
        ability = rng.normal()
        near = int(rng.random() < 0.5)
        exper = rng.uniform(0, 20)
        educ = 12 + 1.2 * near + 1.0 * ability + rng.normal(0, 1.5)
        lwage = 1.0 + 0.08 * educ + 0.02 * exper + 0.3 * ability + rng.normal(0, 0.3)
        rows.append([i + 1, near, fmt(exper, 2), fmt(educ, 3), fmt(lwage, 4)])
    write("causal_iv.csv", ["person_id", "near_college", "experience", "education", "log_wage"], rows)


def geo_panel():
    rng = np.random.default_rng(707)
    rows = []
    n_geo, n_days, start = 20, 60, 46
    cells = {0: "cell_a", 1: "cell_a", 2: "cell_b", 3: "cell_b"}
    common = np.cumsum(rng.normal(0, 1.0, n_days)) + 5 * np.sin(np.arange(n_days) * 2 * np.pi / 7)
    for g in range(n_geo):
        scale = rng.uniform(0.6, 1.6)
        level = rng.uniform(80, 160)
        cell = cells.get(g, "control")
        for d in range(n_days):
            lift = 0.0
            if d + 1 >= start and cell == "cell_a":
                lift = 0.08
            elif d + 1 >= start and cell == "cell_b":
                lift = 0.04
            base = level + scale * common[d] + rng.normal(0, 2.0)
            rows.append([f"geo_{g + 1:02d}", d + 1, cell, fmt(base * (1 + lift), 2)])
    write("geo_panel.csv", ["geo", "day", "cell", "conversions"], rows)


def state_policy():
    rng = np.random.default_rng(808)
    rows = []
    years = list(range(1990, 2016))
    trend = np.linspace(0, -20, len(years))
    for s in range(16):
        name = "treated_state" if s == 0 else f"state_{s:02d}"
        w = rng.uniform(0.5, 1.5)
        level = rng.uniform(90, 130)
        for k, yr in enumerate(years):
            y = level + w * trend[k] + rng.normal(0, 1.5)
            if s == 0 and yr >= 2008:
                y -= 8.0
            rows.append([name, yr, fmt(y, 3)])
    write("state_policy.csv", ["state", "year", "packs_per_capita"], rows)


def uplift():
    rng = np.random.default_rng(909)
    rows = []
    for i in range(1500):
        age = rng.integers(18, 75)
        tenure = rng.exponential(24)
        visits = rng.poisson(3)
        mobile = int(rng.random() < 0.6)
        t = int(rng.random() < 0.5)
        base = -2.0 + 0.15 * visits - 0.01 * (age - 40)
        tau = 0.9 if (tenure < 12 and mobile) else (0.3 if tenure < 36 else -0.2)
        p = 1 / (1 + np.exp(-(base + tau * t)))
        y = int(rng.random() < p)
        rows.append([i + 1, age, fmt(tenure, 2), visits, mobile, t, y])
    write("uplift_coupon.csv", ["customer_id", "age", "tenure_months", "visits", "mobile", "coupon", "converted"], rows)


def mmm():
    rng = np.random.default_rng(1010)
    weeks = 104
    tv = np.maximum(0, rng.normal(50, 25, weeks)) * (rng.random(weeks) < 0.7)
    search = np.maximum(0, 30 + 10 * np.sin(np.arange(weeks) * 2 * np.pi / 52) + rng.normal(0, 5, weeks))
    social = np.maximum(0, rng.normal(20, 8, weeks))
    price = 10 + rng.normal(0, 0.5, weeks)
    holiday = np.array([1 if (w % 52) in (47, 48, 50, 51) else 0 for w in range(weeks)])

    def adstock(x, lam):
        out = np.zeros_like(x)
        carry = 0.0
        for i, v in enumerate(x):
            carry = v + lam * carry
            out[i] = carry
        return out

    def hill(x, half, shape):
        return x ** shape / (x ** shape + half ** shape)

    sales = (500 + 300 * hill(adstock(tv, 0.6), 80, 1.5) + 200 * hill(adstock(search, 0.2), 30, 1.0)
             + 80 * hill(adstock(social, 0.3), 20, 1.2) - 20 * (price - 10) + 60 * holiday + rng.normal(0, 15, weeks))
    rows = []
    for w in range(weeks):
        rows.append([w + 1, fmt(sales[w], 2), fmt(tv[w], 2), fmt(search[w], 2), fmt(social[w], 2), fmt(price[w], 3), holiday[w]])
    write("mmm_weekly.csv", ["week", "sales", "tv", "search", "social", "price", "holiday"], rows)


def bandit():
    rows = [["headline_a", 0.040], ["headline_b", 0.052], ["headline_c", 0.047], ["headline_d", 0.035]]
    write("bandit_arms.csv", ["arm", "true_rate"], rows)
    rng = np.random.default_rng(1111)
    ctx = []
    for i in range(6000):
        mobile = int(rng.random() < 0.5)
        returning = int(rng.random() < 0.4)
        arm = rng.integers(0, 3)
        theta = [[-3.0, 1.2, -0.5], [-2.6, -0.8, 0.2], [-3.2, 0.0, 1.5]][arm]
        p = 1 / (1 + np.exp(-(theta[0] + theta[1] * mobile + theta[2] * returning)))
        ctx.append([i + 1, mobile, returning, f"offer_{arm + 1}", int(rng.random() < p)])
    write("bandit_logged.csv", ["visit_id", "mobile", "returning", "offer", "clicked"], ctx)


if __name__ == "__main__":
    ab_checkout()
    ab_multiarm()
    causal_observational()
    causal_frontdoor()
    causal_panel()
    causal_rdd()
    causal_iv()
    geo_panel()
    state_policy()
    uplift()
    mmm()
    bandit()
