/** Sequential A/B testing: mixture SPRT (always-valid inference) and Lan-DeMets group-sequential designs. */
package io.cerebro.core.ab.sequential;
