#!/usr/bin/python3
"""Writes the cases of the generation benchmark,
cerebro-agents/src/main/resources/io/cerebro/agents/bench/specs/*.yaml and index.txt.

Each case is a spec, a seeded data generator (cerebro-agents' BenchData) and the planted effect
with the tolerance the reference engine must recover it within (about 3 standard errors, derived
from the generator's noise in the 'why' text). Power cases plant the statsmodels figures of
tools/bench_power_oracles.py. Run from the repository root: /usr/bin/python3 tools/bench_specs.py
"""
import math
import os

import yaml
from scipy.stats import norm

OUT = "cerebro-agents/src/main/resources/io/cerebro/agents/bench/specs"
specs = []


def add(id, spec, gen, planted, tol, why, field="estimate", **data):
    specs.append((id, spec, gen, data, field, float(planted), float(tol), why))


ABN = "family: ab\ntreatment: variant\noutcome: revenue\n"
ABB = "family: ab\ntreatment: variant\noutcome: converted\n"
M = "SE about 0.22 (sd 5, 1000 per arm); tolerance about 3 SE"
add("ab-welch", ABN + "test: welch\n", "ab_normal", 1.0, 0.7, "mean revenue difference treatment minus control; " + M, seed=101, effect=1.0)
add("ab-student", ABN + "test: student\n", "ab_normal", 1.5, 0.7, "mean revenue difference; " + M, seed=102, effect=1.5)
add("ab-auto-continuous", ABN, "ab_normal", 0.8, 0.7, "mean revenue difference (test chosen automatically: welch); " + M, seed=103, effect=0.8)
sd = math.sqrt(0.9 ** 2 * 16 * (2 / 3) + (0.8 * 4) ** 2 + (0.6 * 4) ** 2)
add("ab-mann-whitney", ABN + "test: mann_whitney\n", "ab_normal", round(norm.cdf(1.0 / (sd * math.sqrt(2))), 4), 0.04,
    "P(treatment revenue > control revenue) = Phi(1 / (sd sqrt 2)) with sd %.3f; SE about 0.013" % sd, seed=104, effect=1.0)
add("ab-cuped", ABN + "covariate: pre_revenue\n", "ab_normal", 1.0, 0.5, "mean revenue difference (CUPED on pre_revenue); SE about 0.16", seed=105, effect=1.0)
add("ab-post-stratification", ABN + "strata: country\n", "ab_normal", 1.0, 0.6, "mean revenue difference (post-stratified on country); SE about 0.18", seed=106, effect=1.0)
add("ab-three-arms-holm", ABN + "correction: holm\n", "ab_normal", 1.0, 0.8, "mean difference of variant_a (variant_b: 2.0); SE about 0.27",
    field="estimates[variant_a]", seed=107, effect=1.0, arms=3)
add("ab-msprt", ABN + "test: msprt\nmsprt_tau: 1.0\n", "ab_normal", 1.0, 0.7, "mean revenue difference (mSPRT); " + M, seed=108, effect=1.0)
add("ab-group-sequential", ABN + "test: group_sequential\nlooks: 4\nlook: 4\n", "ab_normal", 1.0, 0.7, "mean revenue difference at the last of 4 looks; " + M, seed=109, effect=1.0)
add("ab-z-proportions", ABB + "test: z_proportions\n", "ab_binary", 0.03, 0.03, "conversion-rate difference 0.13 - 0.10; SE about 0.010", seed=110, effect=0.03)
add("ab-chi-square", ABB + "test: chi_square\n", "ab_binary", 0.03, 0.03, "conversion-rate difference 0.13 - 0.10; SE about 0.010", seed=111, effect=0.03)
OR = (0.15 / 0.85) / (0.10 / 0.90)
add("ab-fisher", ABB + "test: fisher\n", "ab_binary", round(OR, 4), 0.4, "odds ratio of converting, 0.15 vs 0.10; SE of log OR about 0.10", seed=112, effect=0.05, rows=3000)
add("ab-bayesian", ABB + "test: bayesian\n", "ab_binary", 0.03, 0.03, "posterior mean conversion-rate difference; SD about 0.010", seed=113, effect=0.03)
add("ab-three-arms-bh", ABB + "correction: bh\n", "ab_binary", 0.04, 0.03, "conversion-rate difference of variant_b (0.14 - 0.10); SE about 0.010",
    field="estimates[variant_b]", seed=114, effect=0.02, arms=3, rows=6000)
PW = "statsmodels 0.13.5 (tools/bench_power_oracles.py)"
add("power-proportions-n", "family: power\noutcome: proportions\nbaseline: 0.1\nmde: 0.02\n", "none", 3834.595739884031, 1.0, "n per arm for 10% -> 12%, NormalIndPower on Cohen's h; " + PW)
add("power-proportions-power", "family: power\noutcome: proportions\nbaseline: 0.2\nmde: 0.03\nn: 2000\n", "none", 0.6370364674677548, 0.001, "power of 2000 per arm for 20% -> 23%; " + PW)
add("power-proportions-mde", "family: power\noutcome: proportions\nbaseline: 0.3\nn: 5000\n", "none", 0.025976513523296885, 0.0001, "mde at 80% power with 5000 per arm, baseline 30%; " + PW)
add("power-means-n", "family: power\noutcome: means\nsd: 5\nmde: 0.5\n", "none", 1570.7330430520035, 1.0, "n per arm for d = 0.1, TTestIndPower; " + PW)
add("power-means-power", "family: power\noutcome: means\nsd: 5\nmde: 1.0\nn: 400\n", "none", 0.8064972788078831, 0.001, "power of 400 per arm for d = 0.2, TTestIndPower; " + PW)
add("power-means-looks", "family: power\noutcome: means\nsd: 5\nmde: 0.5\nlooks: 5\n", "none", 1570.7330430520035, 1.0, "fixed-sample n per arm that the 5-look plan inflates; " + PW)
OBS = "treatment: treat\noutcome: y\nconfounders: [x1, x2, x3]\n"
add("causal-regression", "family: causal\nmethod: regression\n" + OBS, "observational", 2.0, 0.3, "effect of treat on y (constant, so ATE = ATT); SE about 0.06", seed=201, effect=2.0)
add("causal-ipw", "family: causal\nmethod: ipw\n" + OBS, "observational", 2.0, 0.4, "effect of treat on y; SE about 0.1", seed=202, effect=2.0)
add("causal-aipw", "family: causal\nmethod: aipw\n" + OBS, "observational", 2.0, 0.3, "effect of treat on y; SE about 0.06", seed=203, effect=2.0)
add("causal-psm-att", "family: causal\nmethod: psm\nestimand: att\n" + OBS, "observational", 2.0, 0.5, "effect on the treated; SE about 0.12", seed=204, effect=2.0)
add("causal-mahalanobis-att", "family: causal\nmethod: mahalanobis\nestimand: att\n" + OBS, "observational", 2.0, 0.5, "effect on the treated; SE about 0.12", seed=205, effect=2.0)
add("causal-did-2x2", "family: causal\nmethod: did\noutcome: fte\npanel: {unit: store, time: post, treated_group: nj, post: post}\n", "panel_2x2", 3.0, 0.8,
    "change of the treated group minus change of the control group; SE about 0.26", seed=206, effect=3.0)
ST = "panel: {unit: unit, time: year, first_treated: first}\n"
add("causal-did-twfe", "family: causal\nmethod: did\noutcome: y\n" + ST, "panel_staggered", 2.0, 0.4, "effect after treatment (two-way fixed effects, homogeneous effect); SE about 0.07", seed=207, effect=2.0)
add("causal-event-study", "family: causal\nmethod: event_study\noutcome: y\n" + ST, "panel_staggered", 2.0, 0.5, "average post-treatment effect; SE about 0.1", seed=208, effect=2.0)
add("causal-staggered-did", "family: causal\nmethod: staggered_did\noutcome: y\n" + ST, "panel_staggered", 2.0, 0.5, "overall ATT over cohorts (Callaway-Sant'Anna); SE about 0.1", seed=209, effect=2.0)
add("causal-rdd", "family: causal\nmethod: rdd\noutcome: vote\nrdd: {running: margin}\n", "rdd", 6.0, 3.0, "jump of vote at margin 0 (local linear); SE about 1", seed=210, effect=6.0, rows=3000)
add("causal-iv", "family: causal\nmethod: iv\ntreatment: educ\noutcome: lwage\niv: {instruments: [z], controls: [exper]}\n", "iv", 0.5, 0.3,
    "effect of educ on lwage (2SLS; OLS is biased to about 1.4); SE about 0.08", seed=211, effect=0.5)
add("causal-synth", "family: causal\nmethod: synth\noutcome: cigsale\nsynth: {unit: state, time: year, treated_unit: Treated, treatment_start: 1989}\n", "synth", -15.0, 3.0,
    "post-1989 gap of the treated state, an exact mix of three donors before", seed=212, effect=-15.0)
GEO = "family: geo\nlocation: location\ntime: date\noutcome: Y\ntreated: [loc_0, loc_1]\nstart: '2021-03-17'\nend: '2021-03-31'\npermutations: 99\nseed: 7\n"
add("geo-scm", GEO, "geo", 0.10, 0.04, "relative lift of loc_0 and loc_1 over the last 15 days", field="estimates[lift]", seed=301, effect=0.10)
add("geo-scm-one-market", GEO.replace("[loc_0, loc_1]", "[loc_0]"), "geo", 0.15, 0.05, "relative lift of loc_0 alone",
    field="estimates[lift]", seed=302, effect=0.15, treated=1)
add("geo-scm-three-markets", GEO.replace("[loc_0, loc_1]", "[loc_0, loc_1, loc_2]").replace("2021-03-17", "2021-03-12"), "geo", 0.08, 0.04,
    "relative lift of loc_0, loc_1 and loc_2 over the last 20 days", field="estimates[lift]", seed=303, effect=0.08, treated=3, test_days=20)
MMM = "family: mmm\ndate: date_week\noutcome: y\nchannels: [x1, x2]\ncontrols: [event]\ntrend: true\ncandidates: 300\nbootstrap: 100\nseed: 7\n"
add("mmm-two-channels", MMM, "mmm", round(2.0 / 0.6, 4), 0.6, "long-run ROAS of x1: coefficient 2 through adstock 0.4, 2 / (1 - 0.4)",
    field="estimates[x1@mmm.roas]", seed=401, effect=2.0)
add("mmm-strong-first-channel", MMM, "mmm", 5.0, 0.8, "long-run ROAS of x1: 3 / (1 - 0.4)", field="estimates[x1@mmm.roas]", seed=402, effect=3.0, effect2=1.5)
add("bandit-thompson", "family: bandit\nmode: recommend\narm: arm\nreward: reward\nalgorithm: thompson\nseed: 7\n", "bandit_pulls", 1, 0,
    "C (click rate 0.16 vs 0.13 and 0.10) gets the largest allocation", field="best[C]", seed=501, effect=0.06)
add("bandit-ucb1-aggregates", "family: bandit\nmode: recommend\narm: arm\ncount: pulls\nsuccesses: clicks\nalgorithm: ucb1\n", "bandit_aggregates", 1, 0,
    "C (click rate 0.16) has the largest index", field="best[C]", seed=502, effect=0.06)
add("bandit-epsilon-greedy", "family: bandit\nmode: recommend\narm: arm\nreward: reward\nalgorithm: epsilon_greedy\nepsilon: 0.1\n", "bandit_pulls", 1, 0,
    "C (click rate 0.18) is the greedy arm", field="best[C]", seed=503, effect=0.08)
add("bandit-ope-ips", "family: bandit\nmode: evaluate\naction: arm\nreward: clicked\npropensity: p\ntarget_arm: C\nestimators: [ips, snips]\n", "bandit_log", 0.16, 0.04,
    "value of always playing C, its click rate; IPS SE about 0.012", seed=504, effect=0.06)
UP = "family: uplift\ntreatment: offer\noutcome: spend\nfeatures: [age, visits, loyal]\nbase: linear\nseed: 7\n"
add("uplift-t-learner", UP + "learner: t\n", "uplift", 2.0, 0.4, "average effect of the offer (2 + (loyal - 0.5), loyal ~ Bernoulli 0.5); SE about 0.1",
    field="estimates[ATE]", seed=601, effect=2.0)
add("uplift-s-learner", UP + "learner: s\n", "uplift", 2.0, 0.4, "average effect of the offer; SE about 0.1", field="estimates[ATE]", seed=602, effect=2.0)
add("uplift-x-learner", UP + "learner: x\n", "uplift", 1.5, 0.4, "average effect of the offer (1.5 + (loyal - 0.5)); SE about 0.1", field="estimates[ATE]", seed=603, effect=1.5)

os.makedirs(OUT, exist_ok=True)
index = []
for (id, spec, gen, data, field, planted, tol, why) in specs:
    d = {"generator": gen, "seed": data.pop("seed", 0)}
    d.update(data)
    doc = {"id": id, "spec": yaml.safe_load(spec), "data": d,
           "planted": {"field": field, "value": planted, "tolerance": tol, "why": why}}
    with open(f"{OUT}/{id}.yaml", "w") as f:
        f.write("# a generation benchmark case (docs/agents.md); written by tools/bench_specs.py\n"
                + yaml.safe_dump(doc, sort_keys=False, width=120))
    index.append(id + ".yaml")
with open(f"{OUT}/index.txt", "w") as f:
    f.write("\n".join(index) + "\n")
print(len(specs), "cases")
