package org.gwbench.report;

import java.util.Locale;

/**
 * Numbers for reading (tables, axis ticks, colour bars): four significant digits, plain between 1e-3
 * and 1e6, scientific outside ({@code 3.584e-9}); the CSV files keep every digit.
 */
public final class Numbers {
    private Numbers() {
    }

    /** x with 4 significant digits, trailing zeros dropped: 0.05815, 427, 3.584e-9, 1e-4. */
    public static String readable(double x) {
        if (x == 0 || Double.isNaN(x) || Double.isInfinite(x)) {
            return x == 0 ? "0" : Double.toString(x);
        }
        double a = Math.abs(x);
        if (a >= 1e-3 && a < 1e6) {
            String s = new java.math.BigDecimal(x).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
            return s.equals("-0") ? "0" : s;
        }
        String s = String.format(Locale.ROOT, "%.3e", x); // 3.584e-09
        String mantissa = s.substring(0, s.indexOf('e'));
        int exponent = Integer.parseInt(s.substring(s.indexOf('e') + 1));
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return mantissa + "e" + exponent;
    }

    private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    /** A tick of a logarithmic axis: 10⁻⁴ for a power of ten, else {@link #readable}. */
    public static String logTick(double x) {
        if (x > 0) {
            double e = Math.log10(x);
            long r = Math.round(e);
            if (Math.abs(e - r) < 1e-9) {
                StringBuilder sb = new StringBuilder("10");
                String digits = Long.toString(Math.abs(r));
                if (r < 0) {
                    sb.append('⁻');
                }
                for (char c : digits.toCharArray()) {
                    sb.append(SUPERSCRIPTS.charAt(c - '0'));
                }
                return sb.toString();
            }
        }
        return readable(x);
    }
}
