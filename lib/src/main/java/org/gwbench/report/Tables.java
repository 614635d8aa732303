package org.gwbench.report;

import java.nio.file.Path;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Tablesaw tables as HTML (for the notebook) and CSV (for results/). */
public final class Tables {
    private Tables() {
    }

    /** Columns whose display format a notebook chose ({@link #decimals}); the others are shown by {@link Numbers}. */
    private static final java.util.Set<Column<?>> CHOSEN = java.util.Collections.synchronizedSet(
            java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>()));

    /** A cell for reading: floating-point numbers with 4 significant digits ({@link Numbers#readable}). */
    static String cell(Column<?> c, int r) {
        if (c.isMissing(r)) {
            return "";
        }
        if (c instanceof tech.tablesaw.api.DoubleColumn d && !CHOSEN.contains(c)) {
            return Numbers.readable(d.getDouble(r));
        }
        return c.getString(r);
    }

    /** An HTML table with the table's name as caption; numbers shown for reading (the CSV keeps every digit). */
    public static String html(Table t) {
        return html(t, null);
    }

    /** The table as HTML, its caption followed by note (e.g. the run's profile) when note is not null. */
    public static String html(Table t, String note) {
        StringBuilder sb = new StringBuilder("<table class=\"dataframe gwbench\">");
        String caption = (t.name() == null ? "" : t.name()) + (note == null ? "" : (t.name() == null || t.name().isEmpty() ? "" : " ") + note);
        if (!caption.isEmpty()) {
            sb.append("<caption>").append(escape(caption)).append("</caption>");
        }
        sb.append("<thead><tr>");
        for (Column<?> c : t.columns()) {
            sb.append("<th>").append(escape(c.name())).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        for (int r = 0; r < t.rowCount(); r++) {
            sb.append("<tr>");
            for (Column<?> c : t.columns()) {
                sb.append("<td>").append(escape(cell(c, r))).append("</td>");
            }
            sb.append("</tr>");
        }
        return sb.append("</tbody></table>").toString();
    }

    /** Shows the columns with this many decimals in the notebook (values and CSV keep every digit). */
    public static void decimals(int digits, tech.tablesaw.api.DoubleColumn... columns) {
        for (tech.tablesaw.api.DoubleColumn c : columns) {
            CHOSEN.add(c);
            c.setPrintFormatter(tech.tablesaw.columns.numbers.NumberColumnFormatter.fixedWithGrouping(digits));
        }
    }

    public static void saveCsv(Table t, Path file) {
        t.write().csv(file.toFile());
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
