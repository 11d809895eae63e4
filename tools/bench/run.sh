#!/usr/bin/env bash
# Runs the end-to-end A/B benchmark: cerebro abtest (child JVM per run) vs pandas.read_csv + scipy.
# Usage: tools/bench/run.sh [--rows 10000000] [--dir DIR] [--reps 3]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
exec "$root/cerebro" bench abtest "$@"
