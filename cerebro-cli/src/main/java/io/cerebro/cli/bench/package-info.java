/**
 * {@code cerebro bench}: end-to-end benchmarks of Cerebro against peer tools (pandas + scipy,
 * statsmodels, scikit-learn) measured in the same run, on the same generated data, so that the
 * ratios printed hold for this machine and its load at that moment.
 *
 * <p>{@link io.cerebro.cli.bench.BenchCommand} is the {@code bench} command itself and times
 * {@code cerebro abtest} as a child process; {@link io.cerebro.cli.bench.BenchCausalCommand} times
 * the observational engine's steps and {@link io.cerebro.cli.bench.BenchQuasiCommand} the
 * quasi-experimental ones in-process. The peers are the scripts in {@code tools/bench/}.
 */
package io.cerebro.cli.bench;
