/**
 * Test support that cerebro-core publishes to the other modules' tests in its test-jar: where the
 * single copy of each shared dataset and oracle fixture is found on the classpath.
 */
package io.cerebro.core.testing;
