package io.cerebro.core.tune.sampler;

import io.cerebro.core.error.UserInputException;

/**
 * The unscrambled Sobol sequence with Joe and Kuo's (2008) direction numbers
 * (new-joe-kuo-6.21201), the table scipy.stats.qmc.Sobol uses, for up to 16 dimensions. Point 0 is
 * the origin, as in scipy with {@code scramble=False}. The first dimension is the van der Corput
 * sequence in base 2.
 */
public final class SobolSequence {
    /** Rows of Joe-Kuo for dimensions 2..16: degree s, coefficient a, initial m_1..m_s. */
    private static final int[][] JOE_KUO = {
            {1, 0, 1},
            {2, 1, 1, 3},
            {3, 1, 1, 3, 1},
            {3, 2, 1, 1, 1},
            {4, 1, 1, 1, 3, 3},
            {4, 4, 1, 3, 5, 13},
            {5, 2, 1, 1, 5, 5, 17},
            {5, 4, 1, 1, 5, 5, 5},
            {5, 7, 1, 1, 7, 11, 19},
            {5, 11, 1, 1, 5, 1, 1},
            {5, 13, 1, 1, 1, 3, 11},
            {5, 14, 1, 3, 5, 5, 31},
            {6, 1, 1, 3, 3, 9, 7, 49},
            {6, 13, 1, 1, 1, 15, 21, 21},
            {6, 16, 1, 3, 1, 13, 27, 49},
    };
    /** The most dimensions the table covers. */
    public static final int MAX_DIMENSION = JOE_KUO.length + 1;
    private static final int BITS = 31;
    private final long[][] v;
    private final int d;

    public SobolSequence(int dimension) {
        if (dimension > MAX_DIMENSION) {
            throw new UserInputException("sampler sobol supports up to " + MAX_DIMENSION + " parameters, the study has " + dimension
                    + "; use sampler: lhs or random");
        }
        d = dimension;
        v = new long[d][BITS + 1];
        for (int i = 1; i <= BITS; i++) {
            v[0][i] = 1L << (BITS - i);
        }
        for (int j = 1; j < d; j++) {
            int[] row = JOE_KUO[j - 1];
            int s = row[0];
            int a = row[1];
            for (int i = 1; i <= Math.min(s, BITS); i++) {
                v[j][i] = (long) row[1 + i] << (BITS - i);
            }
            for (int i = s + 1; i <= BITS; i++) {
                long x = v[j][i - s] ^ (v[j][i - s] >> s);
                for (int k = 1; k < s; k++) {
                    x ^= ((a >> (s - 1 - k)) & 1L) * v[j][i - k];
                }
                v[j][i] = x;
            }
        }
    }

    /** @return point {@code index} (from 0) of the sequence in [0,1)^d. */
    public double[] point(long index) {
        double[] out = new double[d];
        // points in Gray-code order, as scipy (and Antonov-Saleev) give them: XOR the direction
        // numbers of the set bits of the index's Gray code
        long gray = index ^ (index >> 1);
        for (int j = 0; j < d; j++) {
            long x = 0;
            long i = gray;
            int bit = 1;
            while (i != 0) {
                if ((i & 1) != 0) {
                    x ^= v[j][bit];
                }
                i >>= 1;
                bit++;
            }
            out[j] = x / (double) (1L << BITS);
        }
        return out;
    }
}
