/** Reports of a result: terminal text, Markdown and self-contained HTML with inline SVG charts. */
package io.cerebro.core.report;
