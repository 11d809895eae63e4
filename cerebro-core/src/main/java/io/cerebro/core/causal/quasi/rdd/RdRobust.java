package io.cerebro.core.causal.quasi.rdd;

import io.cerebro.core.stats.Matrices;
import io.cerebro.core.error.UserInputException;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Local polynomial regression discontinuity estimation and MSE-optimal bandwidth selection,
 * following the algorithms of rdrobust 4 (Calonico, Cattaneo and Titiunik 2014; Calonico,
 * Cattaneo, Farrell and Titiunik 2017/2019): the three-step {@code mserd} selector with its
 * regularisation term, conventional and bias-corrected estimates, and the robust variance that
 * accounts for the bias estimate. Covariates enter additively with a common coefficient on both
 * sides; a fuzzy design divides by the jump in take-up (the delta method gives its variance, and its
 * bias-corrected estimate is rdrobust's first-order correction of that ratio).
 */
final class RdRobust {
    private final RdSide left;
    private final RdSide right;
    private final double c;
    private final Kernel kernel;
    private final Vce vce;
    /** number of take-up columns (1 for fuzzy) and covariates in the side columns */
    private final int dT;
    private final int dZ;

    /** Kernels with their pilot-bandwidth constants. */
    enum Kernel {
        TRIANGULAR(2.576), EPANECHNIKOV(2.34), UNIFORM(1.843);

        final double pilot;

        Kernel(double pilot) {
            this.pilot = pilot;
        }

        double weight(double u, double h) {
            double a = Math.abs(u);
            if (a > 1) {
                return 0;
            }
            return switch (this) {
                case TRIANGULAR -> (1 - a) / h;
                case EPANECHNIKOV -> 0.75 * (1 - u * u) / h;
                case UNIFORM -> 0.5 / h;
            };
        }

        static Kernel parse(String s) {
            return switch (s.toLowerCase(java.util.Locale.ROOT)) {
                case "triangular", "tri" -> TRIANGULAR;
                case "epanechnikov", "epa" -> EPANECHNIKOV;
                case "uniform", "uni" -> UNIFORM;
                default -> throw new UserInputException("unknown RDD kernel '" + s + "'; use triangular, epanechnikov or uniform");
            };
        }
    }

    /** Residual variance estimators. */
    enum Vce {
        NN, HC0, HC1;

        static Vce parse(String s) {
            return switch (s.toLowerCase(java.util.Locale.ROOT)) {
                case "nn" -> NN;
                case "hc0" -> HC0;
                case "hc1" -> HC1;
                default -> throw new UserInputException("unknown RDD variance '" + s + "'; use nn (nearest neighbour) or hc1");
            };
        }
    }

    RdRobust(RdSide left, RdSide right, double c, Kernel kernel, Vce vce, int dT, int dZ) {
        this.left = left;
        this.right = right;
        this.c = c;
        this.kernel = kernel;
        this.vce = vce;
        this.dT = dT;
        this.dZ = dZ;
    }

    /** Rows of a side with positive kernel weight at bandwidth h, and those weights. */
    private record Window(int from, int to, double[] w) {
        int n() {
            return to - from;
        }
    }

    /**
     * Windows, their moments and residuals already computed, per side: the selector's steps and the
     * final fit revisit the same bandwidths (the pilot in every step; the bias bandwidth b in the last
     * step and in the estimate), and a cached value is the same computation's result.
     */
    private final Map<Object, Object> memoLeft = new HashMap<>();
    private final Map<Object, Object> memoRight = new HashMap<>();

    private Map<Object, Object> memo(RdSide s) {
        return s == left ? memoLeft : memoRight;
    }

    private record WindowKey(double h) {
    }

    private record MomentsKey(double h, int o) {
    }

    /** Residuals of a window under the fit with coefficients beta (null for nearest-neighbour residuals). */
    private record ResidualsKey(int from, int to, int o, int d, double[][] beta) {
        @Override
        public boolean equals(Object other) {
            return other instanceof ResidualsKey k && k.from == from && k.to == to && k.o == o && k.d == d
                    && Arrays.deepEquals(k.beta, beta);
        }

        @Override
        public int hashCode() {
            return ((from * 31 + to) * 31 + o * 7 + d) * 31 + Arrays.deepHashCode(beta);
        }
    }

    /** The rows with positive kernel weight: a contiguous block of the sorted side, found by binary search. */
    private Window window(RdSide s, double h) {
        return (Window) memo(s).computeIfAbsent(new WindowKey(h), k -> newWindow(s, h));
    }

    private Window newWindow(RdSide s, double h) {
        long b = bounds(s, h);
        int lo = (int) (b >>> 32);
        int hi = (int) b;
        return new Window(lo, hi, weights(s, lo, hi, h));
    }

    /** Kernel weights at bandwidth h of rows [lo, hi). */
    private double[] weights(RdSide s, int lo, int hi, double h) {
        double[] w = new double[hi - lo];
        double[] x = s.x;
        for (int i = lo; i < hi; i++) {
            w[i - lo] = kernel.weight((x[i] - c) / h, h);
        }
        return w;
    }

    /** The first (high 32 bits) and end (low 32 bits) row of the window of positive kernel weight at bandwidth h. */
    private long bounds(RdSide s, double h) {
        int lo = lowerBound(s.x, c - h);
        int hi = upperBound(s.x, c + h);
        while (lo < hi && kernel.weight((s.x[lo] - c) / h, h) <= 0) {
            lo++;
        }
        while (hi > lo && kernel.weight((s.x[hi - 1] - c) / h, h) <= 0) {
            hi--;
        }
        return ((long) lo << 32) | hi;
    }

    /** Rows with positive kernel weight at bandwidth h on the left and right of the cutoff. */
    int[] effective(double h) {
        long l = bounds(left, h);
        long r = bounds(right, h);
        return new int[]{(int) l - (int) (l >>> 32), (int) r - (int) (r >>> 32)};
    }

    /** First index with x[i] >= v. */
    private static int lowerBound(double[] x, double v) {
        int lo = 0;
        int hi = x.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** First index with x[i] > v. */
    private static int upperBound(double[] x, double v) {
        int lo = 0;
        int hi = x.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The sandwich meat for a polynomial design weighted by w: sum_i (s . res_i)^2 w_i^2 r_i r_i' with
     * r_i = (1, dx, dx^2, ...). Entry (a, b) depends on a + b only, so 2o + 1 power sums suffice.
     */
    private double[][] meatPolynomial(RdSide s, Window win, double[] w, int o, double[][] res, double[] sv) {
        double[] pw = new double[2 * o + 1];
        for (int k = 0; k < win.n(); k++) {
            double e = 0;
            for (int col = 0; col < sv.length; col++) {
                e += sv[col] * res[col][k];
            }
            double v = e * e * w[k] * w[k];
            double dx = s.x[win.from() + k] - c;
            for (int j = 0; j <= 2 * o; j++) {
                pw[j] += v;
                v *= dx;
            }
        }
        double[][] m = new double[o + 1][o + 1];
        for (int a = 0; a <= o; a++) {
            for (int b = 0; b <= o; b++) {
                m[a][b] = pw[a + b];
            }
        }
        return m;
    }

    /** R'WR and R'WD for polynomial order o over the window, in one pass. */
    private record Moments(double[][] gram, double[][] rwd) {
    }

    /**
     * The moments of order o over the window of bandwidth h with its kernel weights. They equal the
     * moments over any wider window weighted at h, since rows of weight zero are skipped.
     */
    private Moments momentsAt(RdSide s, double h, int o) {
        MomentsKey key = new MomentsKey(h, o);
        Moments m = (Moments) memo(s).get(key);
        if (m == null) {
            Window w = window(s, h);
            m = moments(s, w, w.w(), o);
            memo(s).put(key, m);
        }
        return m;
    }

    /**
     * R'WR and R'W D in one pass over the window. Each entry accumulates the same products in the same
     * order as separate passes for R'WR (powers of dx up to 2o) and R'WD would.
     */
    private Moments moments(RdSide s, Window win, double[] w, int o) {
        int width = s.width();
        double[] pw = new double[2 * o + 1];
        double[] rd = new double[(o + 1) * width];
        double[] x = s.x;
        double[][] cols = s.cols;
        int from = win.from();
        int to = win.to();
        if (width == 1) {
            double[] y = cols[0];
            for (int i = from; i < to; i++) {
                double wi = w[i - from];
                if (wi == 0) {
                    continue;
                }
                double dx = x[i] - c;
                double yi = y[i];
                double p = wi;
                for (int j = 0; j <= o; j++) {
                    pw[j] += p;
                    rd[j] += p * yi;
                    p *= dx;
                }
                for (int j = o + 1; j <= 2 * o; j++) {
                    pw[j] += p;
                    p *= dx;
                }
            }
        } else {
            double[] yi = new double[width];
            for (int i = from; i < to; i++) {
                double wi = w[i - from];
                if (wi == 0) {
                    continue;
                }
                double dx = x[i] - c;
                for (int col = 0; col < width; col++) {
                    yi[col] = cols[col][i];
                }
                double p = wi;
                for (int j = 0; j <= o; j++) {
                    pw[j] += p;
                    int base = j * width;
                    for (int col = 0; col < width; col++) {
                        rd[base + col] += p * yi[col];
                    }
                    p *= dx;
                }
                for (int j = o + 1; j <= 2 * o; j++) {
                    pw[j] += p;
                    p *= dx;
                }
            }
        }
        double[][] g = new double[o + 1][o + 1];
        double[][] u = new double[o + 1][width];
        for (int a = 0; a <= o; a++) {
            for (int b = 0; b <= o; b++) {
                g[a][b] = pw[a + b];
            }
            System.arraycopy(rd, a * width, u[a], 0, width);
        }
        return new Moments(g, u);
    }

    /** Residuals per column ({@code res[col][k]} for window row k). */
    private double[][] residuals(RdSide s, Window win, double[][] beta, int o, int d) {
        ResidualsKey key = vce == Vce.NN ? new ResidualsKey(win.from(), win.to(), 0, 0, null)
                : new ResidualsKey(win.from(), win.to(), o, d, beta);
        return (double[][]) memo(s).computeIfAbsent(key, k -> newResiduals(s, win, beta, o, d));
    }

    private double[][] newResiduals(RdSide s, Window win, double[][] beta, int o, int d) {
        int m = win.n();
        double[][] res = new double[s.width()][m];
        if (vce == Vce.NN) {
            nnResiduals(s, win.from(), win.to(), res);
            return res;
        }
        double f = vce == Vce.HC1 ? Math.sqrt((double) m / (m - d)) : 1;
        for (int k = 0; k < m; k++) {
            int i = win.from() + k;
            double dx = s.x[i] - c;
            for (int col = 0; col < s.width(); col++) {
                double fit = 0;
                double p = 1;
                for (int j = 0; j <= o; j++) {
                    fit += beta[j][col] * p;
                    p *= dx;
                }
                res[col][k] = f * (s.cols[col][i] - fit);
            }
        }
        return res;
    }

    /**
     * rdrobust's nearest-neighbour residuals: each y against the mean of its 3 closest neighbours in x
     * (ties kept whole), the neighbours taken from within the window. A neighbour set found on the
     * whole side is reused when it lies inside the window, since the greedy search then makes the
     * same choices; only points near the window's ends are searched again.
     */
    private static void nnResiduals(RdSide s, int from, int to, double[][] res) {
        int n = to - from;
        int[] lo = s.nnLow();
        int[] hi = s.nnHigh();
        int[] range = new int[2];
        for (int pos = 0; pos < n; pos++) {
            int g = from + pos;
            int a;
            int b;
            if (n >= RdSide.NN_MATCHES + 1 && lo[g] >= from && hi[g] < to) {
                a = lo[g] - from;
                b = hi[g] - from;
            } else {
                RdSide.nnRange(s.x, s.dups, s.dupsId, from, to, pos, range);
                a = range[0];
                b = range[1];
            }
            int ji = b - a;
            double scale = Math.sqrt((double) ji / (ji + 1));
            for (int col = 0; col < s.width(); col++) {
                double[] v = s.cols[col];
                double sum = -v[g];
                for (int k = a; k <= b; k++) {
                    sum += v[from + k];
                }
                res[col][pos] = scale * (v[g] - sum / ji);
            }
        }
    }

    /** Sum over rows of (s . res_i)^2 rx_i rx_i' with rx_i the i-th row of the weighted design, given by its columns. */
    private static double[][] meat(double[][] rx, double[][] res, double[] s) {
        int k = rx.length;
        int n = rx[0].length;
        double[][] m = new double[k][k];
        double[] r = new double[k];
        for (int i = 0; i < n; i++) {
            double e = 0;
            for (int col = 0; col < s.length; col++) {
                e += s[col] * res[col][i];
            }
            double e2 = e * e;
            for (int a = 0; a < k; a++) {
                r[a] = rx[a][i];
            }
            for (int a = 0; a < k; a++) {
                double v = e2 * r[a];
                for (int b = 0; b < k; b++) {
                    m[a][b] += v * r[b];
                }
            }
        }
        return m;
    }

    /** Covariate adjustment: columns of D that are covariates. */
    private int[] colsZ() {
        int[] z = new int[dZ];
        for (int j = 0; j < dZ; j++) {
            z[j] = 1 + dT + j;
        }
        return z;
    }

    /** Z'WD - (R'WD_Z)' G^-1 R'WD: the covariate cross-products net of the local polynomial (dZ x width). */
    private double[][] zNet(RdSide s, Window win, double[] w, double[][] invG, double[][] u) {
        int width = s.width();
        int[] cz = colsZ();
        double[][] zwd = new double[dZ][width];
        for (int k = 0; k < win.n(); k++) {
            int i = win.from() + k;
            for (int a = 0; a < dZ; a++) {
                double v = w[k] * s.cols[cz[a]][i];
                for (int col = 0; col < width; col++) {
                    zwd[a][col] += v * s.cols[col][i];
                }
            }
        }
        double[][] giu = Matrices.multiply(invG, u);
        for (int a = 0; a < dZ; a++) {
            for (int col = 0; col < width; col++) {
                double sub = 0;
                for (int j = 0; j < u.length; j++) {
                    sub += u[j][cz[a]] * giu[j][col];
                }
                zwd[a][col] -= sub;
            }
        }
        return zwd;
    }

    /** gamma = ZWZ^-1 ZWY from the net cross-products (dZ x (1 + dT)). */
    private double[][] gamma(double[][] net) {
        int[] cz = colsZ();
        double[][] zwz = new double[dZ][dZ];
        double[][] zwy = new double[dZ][1 + dT];
        for (int a = 0; a < dZ; a++) {
            for (int b = 0; b < dZ; b++) {
                zwz[a][b] = net[a][cz[b]];
            }
            for (int col = 0; col <= dT; col++) {
                zwy[a][col] = net[a][col];
            }
        }
        return Matrices.multiply(Matrices.inverse(zwz), zwy);
    }

    /** The linear combination of D's columns that forms the estimand (rdrobust's s vector). */
    private double[] sVector(double[][] gamma, double tauY, double tauT) {
        int width = 1 + dT + dZ;
        double[] s = new double[width];
        if (dT == 0) {
            s[0] = 1;
            for (int a = 0; a < dZ; a++) {
                s[1 + a] = -gamma[a][0];
            }
            return s;
        }
        s[0] = 1 / tauT;
        s[1] = -tauY / (tauT * tauT);
        for (int a = 0; a < dZ; a++) {
            s[2 + a] = -(1 / tauT) * gamma[a][0] + (tauY / (tauT * tauT)) * gamma[a][1];
        }
        return s;
    }

    /** Outcome and take-up effects (s_Y . beta row) from a coefficient row over D's columns. */
    private double[] tauParts(double[] row, double[][] gamma) {
        double tY = row[0];
        double tT = dT > 0 ? row[1] : Double.NaN;
        int[] cz = colsZ();
        for (int a = 0; a < dZ; a++) {
            tY -= gamma[a][0] * row[cz[a]];
            if (dT > 0) {
                tT -= gamma[a][1] * row[cz[a]];
            }
        }
        return new double[]{tY, tT};
    }

    /** rdrobust_bw: variance, bias and regularisation constants of one side. */
    private record BwConstants(double v, double b, double r, double rate) {
    }

    private BwConstants bwConstants(RdSide s, int o, int nu, int oB, double hV, double hB, double scale) {
        Window wv = window(s, hV);
        Moments mv = momentsAt(s, hV, o);
        double[][] invG = Matrices.inverse(mv.gram());
        double[][] u = mv.rwd();
        double[][] betaV = Matrices.multiply(invG, u);
        double[][] gamma = dZ > 0 ? gamma(zNet(s, wv, wv.w(), invG, u)) : new double[0][1 + dT];
        double fact = factorial(nu);
        double[] parts = tauParts(betaV[nu], gamma);
        double[] sv = sVector(gamma, fact * parts[0], fact * parts[1]);
        double[][] resV = residuals(s, wv, betaV, o, o + 1);
        double[][] vV = Matrices.multiply(Matrices.multiply(invG, meatPolynomial(s, wv, wv.w(), o, resV, sv)), invG);
        double[] v = new double[o + 1];
        for (int k = 0; k < wv.n(); k++) {
            double dx = s.x[wv.from() + k] - c;
            double uo = Math.pow(dx / hV, o + 1);
            double p = wv.w()[k];
            for (int j = 0; j <= o; j++) {
                v[j] += p * uo;
                p *= dx;
            }
        }
        double bConst = Math.pow(hV, nu) * Matrices.multiply(invG, v)[nu];
        Window wb = window(s, hB);
        Moments mb = momentsAt(s, hB, oB);
        double[][] invGB = Matrices.inverse(mb.gram());
        double[][] betaB = Matrices.multiply(invGB, mb.rwd());
        double bwReg = 0;
        if (scale > 0) {
            double[][] resB = residuals(s, wb, betaB, oB, oB + 1);
            double vB = Matrices.multiply(Matrices.multiply(invGB, meatPolynomial(s, wb, wb.w(), oB, resB, sv)), invGB)[o + 1][o + 1];
            bwReg = 3 * bConst * bConst * vB;
        }
        double sb = 0;
        for (int col = 0; col < sv.length; col++) {
            sb += sv[col] * betaB[o + 1][col];
        }
        double bias = Math.sqrt(2.0 * (o + 1 - nu)) * bConst * sb;
        double var = (2 * nu + 1) * Math.pow(hV, 2 * nu + 1) * vV[nu][nu];
        double reg = scale * (2 * (o + 1 - nu)) * bwReg;
        return new BwConstants(var, bias, reg, 1.0 / (2 * o + 3));
    }

    /**
     * The selected bandwidths: main h and bias b, with the pilot (variance) bandwidth and the
     * bandwidth of the bias bandwidth's own bias step (rdrobust's {@code c_bw} and {@code d_bw}).
     */
    record Bandwidths(double h, double b, double pilot, double d) {
    }

    /** Share of repeated running-variable values on a side from which rdrobust treats the data as having mass points. */
    static final double MASS_POINT_SHARE = 0.1;
    /** Distinct values per side that the pilot bandwidths must hold when there are mass points (rdrobust's bwcheck 10). */
    static final int BW_CHECK = 10;

    /**
     * The running variable's distinct values per side and whether they form mass points: at least
     * {@link #MASS_POINT_SHARE} of the rows on one side repeat a value (rdrobust's
     * {@code 1 - M/N >= 0.1}). {@code minBandwidth} is the distance to the {@link #BW_CHECK}-th
     * closest distinct value on the farther-reaching side, plus 1e-8 (0 without mass points).
     */
    record MassPoints(int distinctLeft, int distinctRight, boolean detected, double minBandwidth) {
    }

    /** rdrobust's {@code masspoints = "adjust"} bookkeeping for this design. */
    MassPoints massPoints() {
        int ml = left.distinct();
        int mr = right.distinct();
        boolean mass = 1 - (double) ml / left.n() >= MASS_POINT_SHARE || 1 - (double) mr / right.n() >= MASS_POINT_SHARE;
        double bwMin = 0;
        if (mass) {
            bwMin = Math.max(left.distinctDistance(c, BW_CHECK, true) + 1e-8, right.distinctDistance(c, BW_CHECK, false) + 1e-8);
        }
        return new MassPoints(ml, mr, mass, bwMin);
    }

    /**
     * rdbwselect(bwselect = "mserd", masspoints = "adjust") for polynomial order p (bias order q = p + 1),
     * deriv 0, regularisation on. The pilot uses the number of distinct running-variable values; with
     * mass points the pilot and the d bandwidths are kept wide enough to hold {@link #BW_CHECK}
     * distinct values on each side (all of them where a side has fewer), as rdrobust does.
     *
     * @throws UserInputException when a side has too few distinct values for the pilot fits, or the
     *                            selected bias bandwidth holds too few for the bias fit
     */
    Bandwidths mserd(int p) {
        int q = p + 1;
        MassPoints mp = massPoints();
        int needed = q + 3;
        if (Math.min(mp.distinctLeft(), mp.distinctRight()) < needed) {
            boolean l = mp.distinctLeft() < needed;
            throw new UserInputException("the running variable takes only " + (l ? mp.distinctLeft() : mp.distinctRight())
                    + " distinct values " + (l ? "left" : "right") + " of the cutoff; selecting the bandwidth of a local polynomial"
                    + " of order " + p + " needs at least " + needed + " per side; give --bandwidth (holding at least " + (p + 2)
                    + " distinct values per side) or use a finer running variable");
        }
        int nl = left.n();
        int n = nl + right.n();
        // the sides are sorted and every left value is below every right one, so this is the sorted sample
        double[] all = new double[n];
        System.arraycopy(left.x, 0, all, 0, nl);
        System.arraycopy(right.x, 0, all, nl, right.n());
        double mean = 0;
        for (double v : all) {
            mean += v / n;
        }
        double ss = 0;
        for (double v : all) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        double iqr = quantileType2(all, 0.75) - quantileType2(all, 0.25);
        double xMin = all[0];
        double xMax = all[n - 1];
        double rangeL = Math.abs(c - xMin);
        double rangeR = Math.abs(xMax - c);
        double bwMax = Math.max(rangeL, rangeR);
        // masspoints = "adjust": the pilot uses the number of distinct values
        int distinct = mp.distinctLeft() + mp.distinctRight();
        double cBw = Math.min(kernel.pilot * Math.min(sd, iqr / 1.349) * Math.pow(distinct, -0.2), bwMax);
        cBw = Math.max(cBw, mp.minBandwidth());
        int rows = n;
        double cPilot = cBw;
        Sides<BwConstants> cd = Sides.compute(rows, () -> bwConstants(left, q + 1, q + 1, q + 2, cPilot, rangeL + 1e-8, 0),
                () -> bwConstants(right, q + 1, q + 1, q + 2, cPilot, rangeR + 1e-8, 0));
        BwConstants dl = cd.left();
        BwConstants dr = cd.right();
        double dBw = Math.min(Math.pow((dl.v() + dr.v()) / sq(dr.b() - dl.b()), dl.rate()), bwMax);
        dBw = Math.max(dBw, mp.minBandwidth());
        double dFinal = dBw;
        Sides<BwConstants> cb = Sides.compute(rows, () -> bwConstants(left, q, p + 1, q + 1, cPilot, dFinal, 1),
                () -> bwConstants(right, q, p + 1, q + 1, cPilot, dFinal, 1));
        BwConstants bl = cb.left();
        BwConstants br = cb.right();
        double bBw = Math.min(Math.pow((bl.v() + br.v()) / (sq(br.b() - bl.b()) + (br.r() + bl.r())), bl.rate()), bwMax);
        requireDistinct(bBw, q + 1, "the selected bias bandwidth b", p);
        Sides<BwConstants> ch = Sides.compute(rows, () -> bwConstants(left, p, 0, q, cPilot, bBw, 1),
                () -> bwConstants(right, p, 0, q, cPilot, bBw, 1));
        BwConstants hl = ch.left();
        BwConstants hr = ch.right();
        double hBw = Math.min(Math.pow((hl.v() + hr.v()) / (sq(hr.b() - hl.b()) + (hr.r() + hl.r())), hl.rate()), bwMax);
        return new Bandwidths(hBw, bBw, cBw, dBw);
    }

    /**
     * Fails with a one-line user error unless the kernel window of bandwidth bw holds at least
     * {@code needed} distinct running-variable values on each side (a polynomial of order needed - 1
     * is singular otherwise).
     */
    void requireDistinct(double bw, int needed, String what, int p) {
        if (!(bw > 0) || Double.isInfinite(bw)) {
            return;
        }
        for (RdSide s : new RdSide[]{left, right}) {
            long w = bounds(s, bw);
            int k = s.distinctIn((int) (w >>> 32), (int) w);
            if (k < needed) {
                throw new UserInputException(what + " = " + RegressionDiscontinuity.fmt(bw) + " holds only " + k
                        + " distinct values of the running variable " + (s == left ? "left" : "right") + " of the cutoff; a local"
                        + " polynomial of order " + p + " with its bias correction needs " + needed + "; give a wider --bandwidth"
                        + " or use a finer running variable");
            }
        }
    }

    /** R's quantile(type = 2): the inverse empirical CDF, averaging at discontinuities. */
    static double quantileType2(double[] sorted, double prob) {
        int n = sorted.length;
        double np = n * prob;
        int j = (int) Math.floor(np);
        double g = np - j;
        double lo = sorted[Math.max(0, Math.min(n - 1, j - 1))];
        double hi = sorted[Math.max(0, Math.min(n - 1, j))];
        return g > 1e-12 ? hi : (lo + hi) / 2;
    }

    /** The local polynomial estimate at bandwidths h (main) and b (bias), with the running variable's mass points. */
    record Estimate(double tauConventional, double tauBiasCorrected, double seConventional, double seRobust,
                    double tauOutcome, double tauTakeUp, int nLeft, int nRight, int nEffLeft, int nEffRight, double h, double b,
                    MassPoints massPoints) {
    }

    private record SideFit(Window win, double[] wh, double[] wb, double[][] invGp, double[][] betaP, double[][] betaBc,
                           double[][] betaQ, double[][] q, double[][] u) {
    }

    private SideFit sideFit(RdSide s, double h, double b, int p) {
        int q = p + 1;
        Window wide = window(s, h > b ? h : b);
        int lo = wide.from();
        int hi = wide.to();
        double[] whv = h > b ? wide.w() : weights(s, lo, hi, h);
        double[] wbv = h > b ? weights(s, lo, hi, b) : wide.w();
        Window win = new Window(lo, hi, whv);
        int m = win.n();
        Moments mq = momentsAt(s, b, q);
        Moments mp = momentsAt(s, h, p);
        double[][] invGq = Matrices.inverse(mq.gram());
        double[][] invGp = Matrices.inverse(mp.gram());
        double[] l = new double[p + 1];
        for (int k = 0; k < m; k++) {
            double dx = s.x[win.from() + k] - c;
            double up = Math.pow(dx / h, p + 1);
            double pw = whv[k];
            for (int j = 0; j <= p; j++) {
                l[j] += pw * up;
                pw *= dx;
            }
        }
        double hp = Math.pow(h, p + 1);
        double[][] qq = new double[p + 1][m];
        for (int k = 0; k < m; k++) {
            double dx = s.x[win.from() + k] - c;
            // (invG_q r_q)[p+1] * W_b
            double coef = 0;
            double pw = 1;
            for (int j = 0; j <= q; j++) {
                coef += invGq[p + 1][j] * pw;
                pw *= dx;
            }
            coef *= wbv[k];
            pw = whv[k];
            for (int j = 0; j <= p; j++) {
                qq[j][k] = pw - hp * l[j] * coef;
                pw *= dx;
            }
        }
        double[][] u = mp.rwd();
        double[][] betaP = Matrices.multiply(invGp, u);
        double[][] betaQ = Matrices.multiply(invGq, mq.rwd());
        double[][] qd = new double[p + 1][s.width()];
        for (int j = 0; j <= p; j++) {
            double[] qj = qq[j];
            for (int col = 0; col < s.width(); col++) {
                double[] v = s.cols[col];
                double acc = 0;
                for (int k = 0; k < m; k++) {
                    acc += qj[k] * v[lo + k];
                }
                qd[j][col] = acc;
            }
        }
        double[][] betaBc = Matrices.multiply(invGp, qd);
        return new SideFit(win, whv, wbv, invGp, betaP, betaBc, betaQ, qq, u);
    }

    /** rdrobust's point estimates and variances at the given bandwidths, local polynomial order p. */
    Estimate estimate(double h, double b, int p) {
        Sides<SideFit> fits = Sides.compute(left.n() + right.n(), () -> sideFit(left, h, b, p), () -> sideFit(right, h, b, p));
        SideFit fl = fits.left();
        SideFit fr = fits.right();
        int width = 1 + dT + dZ;
        double[][] gamma = new double[0][1 + dT];
        if (dZ > 0) {
            double[][] nl = zNet(left, fl.win(), fl.wh(), fl.invGp(), fl.u());
            double[][] nr = zNet(right, fr.win(), fr.wh(), fr.invGp(), fr.u());
            for (int a = 0; a < dZ; a++) {
                for (int col = 0; col < width; col++) {
                    nl[a][col] += nr[a][col];
                }
            }
            gamma = gamma(nl);
        }
        double[] diffP = new double[width];
        double[] diffBc = new double[width];
        for (int col = 0; col < width; col++) {
            diffP[col] = fr.betaP()[0][col] - fl.betaP()[0][col];
            diffBc[col] = fr.betaBc()[0][col] - fl.betaBc()[0][col];
        }
        double[] cl = tauParts(diffP, gamma);
        double[] bc = tauParts(diffBc, gamma);
        double tauCl = dT > 0 ? cl[0] / cl[1] : cl[0];
        // fuzzy: rdrobust's linearisation tau - s'(B_Y, B_T) with s = (1/tau_T, -tau_Y/tau_T^2) and B the estimated
        // biases (conventional minus bias-corrected jumps), not the ratio of the bias-corrected jumps
        double tauBc = dT > 0 ? tauCl - ((1 / cl[1]) * (cl[0] - bc[0]) + (-cl[0] / (cl[1] * cl[1])) * (cl[1] - bc[1])) : bc[0];
        double[] sv = sVector(gamma, cl[0], cl[1]);
        double vCl = 0;
        double vRb = 0;
        for (SideFit f : new SideFit[]{fl, fr}) {
            RdSide s = f == fl ? left : right;
            double[][] resH;
            double[][] resB;
            if (vce == Vce.NN) {
                resH = residuals(s, f.win(), null, p, p + 1);
                resB = resH;
            } else {
                resH = residuals(s, f.win(), f.betaP(), p, p + 1);
                resB = residuals(s, f.win(), f.betaQ(), p + 1, p + 2);
            }
            vCl += Matrices.multiply(Matrices.multiply(f.invGp(), meatPolynomial(s, f.win(), f.wh(), p, resH, sv)), f.invGp())[0][0];
            vRb += Matrices.multiply(Matrices.multiply(f.invGp(), meat(f.q(), resB, sv)), f.invGp())[0][0];
        }
        return new Estimate(tauCl, tauBc, Math.sqrt(vCl), Math.sqrt(vRb), cl[0], dT > 0 ? cl[1] : Double.NaN,
                left.n(), right.n(), count(fl.wh()), count(fr.wh()), h, b, massPoints());
    }

    private static int count(double[] w) {
        int n = 0;
        for (double v : w) {
            n += v > 0 ? 1 : 0;
        }
        return n;
    }

    private static double sq(double v) {
        return v * v;
    }

    private static double factorial(int k) {
        double f = 1;
        for (int i = 2; i <= k; i++) {
            f *= i;
        }
        return f;
    }
}
