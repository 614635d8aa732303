package org.gwbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** Numbers for reading: the tables and ticks the quickstart showed with 16-17 digits and 1E-4. */
class NumbersTest {
    @Test
    void fourSignificantDigitsPlainOrScientific() {
        assertEquals("0.05815", Numbers.readable(0.058149058133667365));
        assertEquals("427", Numbers.readable(427));
        assertEquals("3.008", Numbers.readable(3.007785268));
        assertEquals("3.584e-9", Numbers.readable(3.5844483423086437E-9));
        assertEquals("7.932e-9", Numbers.readable(0.0000000079317861948619));
        assertEquals("1e-4", Numbers.readable(1e-4));
        assertEquals("-2.5e6", Numbers.readable(-2.5e6));
        assertEquals("0", Numbers.readable(0));
        assertEquals("0.001", Numbers.readable(0.001));
        assertEquals("NaN", Numbers.readable(Double.NaN));
    }

    @Test
    void logTicksArePowersOfTen() {
        assertEquals("10⁻⁴", Numbers.logTick(1e-4));
        assertEquals("10²", Numbers.logTick(100));
        assertEquals("10⁰", Numbers.logTick(1));
        assertEquals("0.03", Numbers.logTick(0.03));
    }

    @Test
    void htmlTablesShowReadableNumbersUnlessTheNotebookChoseAFormat() {
        DoubleColumn v = DoubleColumn.create("value", 0.058149058133667365);
        DoubleColumn w = DoubleColumn.create("chosen", 0.058149058133667365);
        Tables.decimals(2, w);
        String html = Tables.html(Table.create("t", v, w));
        assertTrue(html.contains("<td>0.05815</td>"), html);
        assertTrue(html.contains("<td>0.06</td>"), html);
    }
}
