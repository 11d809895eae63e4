package io.cerebro.core.ab.bayes;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Gauss-Legendre nodes against closed-form integrals (a 16-point rule is exact for polynomials up to degree 31). */
class QuadratureTest {
    @Test
    void integratesPolynomialsExactlyAndSmoothFunctionsToRounding() {
        assertEquals(2.0 / 31, Quadrature.integrate(x -> Math.pow(x, 30), -1, 1, 1), 1e-15);
        assertEquals(0.0, Quadrature.integrate(x -> Math.pow(x, 31), -1, 1, 1), 1e-15);
        assertEquals(1 - Math.cos(1), Quadrature.integrate(Math::sin, 0, 1, 1), 1e-15);
        assertEquals(Math.E - 1, Quadrature.integrate(Math::exp, 0, 1, 3), 1e-14);
    }
}
