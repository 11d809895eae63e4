/**
 * "Suggest the next run": detectors that read a finished A/B result (and, when it can be found,
 * its data) and write the spec of the follow-up experiment, each with its reason in numbers.
 */
package io.cerebro.core.tune.suggest;
