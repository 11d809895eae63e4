/**
 * {@code cerebro serve}: a small HTTP JSON API for applications (assign, record, analyse, recommend,
 * health) on the JDK's HTTP server with a virtual thread per request. Assignments and events go
 * through one group-commit writer, so many clients never contend for the store's lock.
 */
package io.cerebro.cli.serve;
