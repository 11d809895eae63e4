#!/usr/bin/env python3
"""A toy cache simulator: the objective of examples/tune/study.yaml.

Usage: objective.py CACHE_SIZE DEFAULT_TTL STRATEGY
Prints the mean request latency in ms (lower is better) as its last line. Repeats differ by
CEREBRO_REPEAT, which seeds the simulated request stream. Standard library only.
"""
import math
import os
import random
import sys

size, ttl, strategy = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
rng = random.Random(1000 + int(os.environ.get("CEREBRO_REPEAT", "0")))
cache = {}  # key -> (inserted_at, last_used, hits)
latency = 0.0
requests = 4000
for t in range(requests):
    key = int(rng.paretovariate(1.1)) % 5000  # heavy-tailed popularity
    now = t / 100.0
    entry = cache.get(key)
    if entry is not None and now - entry[0] <= ttl:
        latency += 1.0
        cache[key] = (entry[0], now, entry[2] + 1)
        continue
    latency += 20.0 + (5.0 if entry is not None else 0.0)  # a miss; an expired entry also costs a refresh
    if key not in cache and len(cache) >= size:
        if strategy == "LRU":
            victim = min(cache, key=lambda k: cache[k][1])
        elif strategy == "FIFO":
            victim = min(cache, key=lambda k: cache[k][0])
        else:
            victim = min(cache, key=lambda k: (cache[k][2], cache[k][1]))
        del cache[victim]
    cache[key] = (now, now, 1)
# memory cost of a large cache: keeps the optimum inside the range
print(round(latency / requests + 0.004 * size + 2.0 / math.sqrt(ttl), 4))
