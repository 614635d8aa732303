package org.gwbench.gw;

/**
 * A loss L(a, b) between structure entries with the decomposition of Peyré, Cuturi, Solomon (ICML 2016,
 * Prop. 1): L(a, b) = f1(a) + f2(b) − h1(a)·h2(b), which turns L⊗T into two dense products.
 */
public enum GwLoss {
    /** L(a, b) = (a − b)²: f1 = a², f2 = b², h1 = a, h2 = 2b. */
    SQUARE {
        @Override
        public double f1(double a) {
            return a * a;
        }

        @Override
        public double f2(double b) {
            return b * b;
        }

        @Override
        public double h1(double a) {
            return a;
        }

        @Override
        public double h2(double b) {
            return 2 * b;
        }
    },
    /**
     * L(a, b) = a log(a/b) − a + b, for entries ≥ 0: f1 = a log a − a, f2 = b, h1 = a, h2 = log b.
     * As in POT 0.9.7, 1e-18 is added inside both logarithms, so zero entries (a zero diagonal) are allowed.
     */
    KL {
        @Override
        public double f1(double a) {
            return a * Math.log(a + EPS_LOG) - a;
        }

        @Override
        public double f2(double b) {
            return b;
        }

        @Override
        public double h1(double a) {
            return a;
        }

        @Override
        public double h2(double b) {
            return Math.log(b + EPS_LOG);
        }
    };

    /** Added inside the logarithms of the KL loss (POT 0.9.7: ot.gromov._utils.transform_matrix). */
    public static final double EPS_LOG = 1e-18;

    public abstract double f1(double a);

    public abstract double f2(double b);

    public abstract double h1(double a);

    public abstract double h2(double b);

    /** L(a, b) itself, through the decomposition. */
    public double value(double a, double b) {
        return f1(a) + f2(b) - h1(a) * h2(b);
    }

    /** Parses "square" or "kl" (case-insensitive). */
    public static GwLoss parse(String s) {
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "square":
            case "square_loss":
                return SQUARE;
            case "kl":
            case "kl_loss":
                return KL;
            default:
                throw new IllegalArgumentException("loss must be square or kl, got '" + s + "'");
        }
    }
}
