package org.gwbench.report;

import java.nio.file.Path;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Tablesaw tables as HTML (for the notebook) and CSV (for results/). */
public final class Tables {
    private Tables() {
    }

    /** An HTML table with the table's name as caption; numbers keep full precision. */
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
                sb.append("<td>").append(escape(c.isMissing(r) ? "" : c.getString(r))).append("</td>");
            }
            sb.append("</tr>");
        }
        return sb.append("</tbody></table>").toString();
    }

    /** Shows the columns with this many decimals in the notebook (values and CSV keep every digit). */
    public static void decimals(int digits, tech.tablesaw.api.DoubleColumn... columns) {
        for (tech.tablesaw.api.DoubleColumn c : columns) {
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
