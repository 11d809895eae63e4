/** {@code cerebro policy}: policies with validated, snapshotted, audited changes, and the router (route, learn). */
package io.cerebro.cli.policy;
