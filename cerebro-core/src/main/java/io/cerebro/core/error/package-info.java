/** Errors a user can cause and fix; each carries a one-line message that names the fix. */
package io.cerebro.core.error;
