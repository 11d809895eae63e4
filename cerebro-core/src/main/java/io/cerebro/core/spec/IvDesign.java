package io.cerebro.core.spec;

import java.util.List;

/**
 * Instrumental variables: the spec's treatment is the endogenous regressor.
 *
 * @param instruments excluded instruments
 * @param controls    exogenous controls included in both stages
 * @param vce         headline standard errors: {@code conventional} (default, as AER::ivreg) or {@code hc1}; both are reported
 */
public record IvDesign(List<String> instruments, List<String> controls, String vce) {
    /** An IV design with conventional headline errors. */
    public IvDesign(List<String> instruments, List<String> controls) {
        this(instruments, controls, null);
    }

    public IvDesign {
        vce = vce == null ? "conventional" : vce.toLowerCase(java.util.Locale.ROOT);
        if (!vce.equals("conventional") && !vce.equals("hc1")) {
            throw new io.cerebro.core.error.UserInputException("iv.vce must be conventional or hc1, got '" + vce + "'");
        }
        instruments = instruments == null ? List.of() : List.copyOf(instruments);
        controls = controls == null ? List.of() : List.copyOf(controls);
    }
}
