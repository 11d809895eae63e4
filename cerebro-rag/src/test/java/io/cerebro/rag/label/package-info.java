/** Tests of the content labeller: held-out evaluation on the bundled corpus. */
package io.cerebro.rag.label;
