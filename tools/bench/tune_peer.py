"""Peer of `cerebro bench tune`: Optuna's TPESampler on Branin with a JournalStorage file.

Usage: python tune_peer.py TRIALS JOURNAL_FILE  -> prints JSON {"seconds": s, "best": v, "optuna": version}
"""
import json, math, sys, time
import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)
trials, path = int(sys.argv[1]), sys.argv[2]


def branin(t):
    x1 = t.suggest_float("x1", -5, 10)
    x2 = t.suggest_float("x2", 0, 15)
    b, c, r = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 1 / (8 * math.pi)
    return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - r) * math.cos(x1) + 10


try:
    from optuna.storages.journal import JournalFileBackend
    backend = JournalFileBackend(path)
except ImportError:
    backend = optuna.storages.JournalFileStorage(path)
storage = optuna.storages.JournalStorage(backend)
start = time.perf_counter()
study = optuna.create_study(storage=storage, sampler=optuna.samplers.TPESampler(seed=1))
study.optimize(branin, n_trials=trials)
print(json.dumps({"seconds": time.perf_counter() - start, "best": study.best_value, "optuna": optuna.__version__}))
