package io.cerebro.core.spec;

import java.util.List;

/**
 * Instrumental variables: the spec's treatment is the endogenous regressor.
 *
 * @param instruments excluded instruments
 * @param controls    exogenous controls included in both stages
 */
public record IvDesign(List<String> instruments, List<String> controls) {
    public IvDesign {
        instruments = instruments == null ? List.of() : List.copyOf(instruments);
        controls = controls == null ? List.of() : List.copyOf(controls);
    }
}
