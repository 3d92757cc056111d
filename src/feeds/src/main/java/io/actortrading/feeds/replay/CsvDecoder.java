package io.actortrading.feeds.replay;

import io.actortrading.feeds.text.DecimalText;
import io.actortrading.feeds.text.SymbolTable;
import io.actortrading.feeds.text.TimestampText;
import io.actortrading.market.MarketEvent;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The CSV replay formats: a header line naming the columns, then one record per line.
 *
 * <p>The header must name every required column (case and surrounding blanks do not matter); the
 * columns may come in any order and further columns are ignored, so an export with extra fields
 * replays as it is. A header that lacks a required column is reported and the file is then read in
 * the documented column order, which keeps a headerless file or one with misspelt names usable.
 *
 * <p>Fields are plain: no quoting (symbols and numbers never need it). Every row must have as many
 * fields as the header. A number must be a plain finite decimal: {@code NaN}, {@code Infinity} or
 * {@code 1e999} make the whole line malformed, because a bar or trade with one unknown value cannot be
 * replayed faithfully and silently dropping or zeroing the value would corrupt candles downstream.
 * Signs and magnitudes are not judged here (a negative size is the validator's business).
 */
abstract sealed class CsvDecoder extends LineDecoder permits CsvBarDecoder, CsvTickDecoder {

    final String source;
    private final SymbolTable symbols = new SymbolTable();
    private final String[] columns;
    /** For each required column (in documented order), its index in a row. */
    private final int[] rowIndexOfColumn;
    private int width;
    private boolean headerRead;
    /** Field bounds of the current row, by row index; sized to the header's width. */
    private int[] fieldStart;
    private int[] fieldEnd;

    CsvDecoder(LineInput input, ReplayTally tally, String source, String... columns) {
        super(input, tally);
        this.source = source;
        this.columns = columns;
        this.rowIndexOfColumn = new int[columns.length];
        useDocumentedOrder();
    }

    @Override
    final void decodeLine(char[] text, int start, int end, long line, Consumer<MarketEvent> sink) {
        if (!headerRead) {
            headerRead = true;
            readHeader(text, start, end, line);
            return;
        }
        int fields = split(text, start, end);
        if (fields != width) {
            tally.problem(line, "expected " + width + " columns, found " + fields);
            return;
        }
        decodeRow(text, line, sink);
    }

    /** Decodes the current row, whose fields {@link #timestamp}, {@link #symbol} and {@link #number} read. */
    abstract void decodeRow(char[] text, long line, Consumer<MarketEvent> sink);

    /** The epoch milliseconds in a column, or {@link TimestampText#INVALID} after reporting the line. */
    final long timestamp(char[] text, int column, long line) {
        int field = rowIndexOfColumn[column];
        long millis = TimestampText.parseEpochMillis(text, fieldStart[field], fieldEnd[field]);
        if (millis == TimestampText.INVALID) {
            tally.problem(line, columns[column] + " is neither ISO-8601 with an offset nor epoch milliseconds: "
                    + excerpt(text, fieldStart[field], fieldEnd[field]));
        }
        return millis;
    }

    /** The canonical symbol in a column, or null after reporting the line. */
    final String symbol(char[] text, int column, long line) {
        int field = rowIndexOfColumn[column];
        String symbol = symbols.canonical(text, fieldStart[field], fieldEnd[field]);
        if (symbol == null) {
            tally.problem(line, columns[column] + " is not a symbol: " + excerpt(text, fieldStart[field], fieldEnd[field]));
        }
        return symbol;
    }

    /** The finite number in a column, or NaN after reporting the line. */
    final double number(char[] text, int column, long line) {
        int field = rowIndexOfColumn[column];
        double value = DecimalText.parse(text, fieldStart[field], fieldEnd[field]);
        if (Double.isNaN(value)) {
            tally.problem(line, columns[column] + " is not a finite decimal number: "
                    + excerpt(text, fieldStart[field], fieldEnd[field]));
        }
        return value;
    }

    private void readHeader(char[] text, int start, int end, long line) {
        int fields = countFields(text, start, end);
        fieldStart = new int[fields];
        fieldEnd = new int[fields];
        width = fields;
        split(text, start, end);
        boolean complete = true;
        for (int column = 0; column < columns.length; column++) {
            int found = -1;
            for (int field = 0; field < fields; field++) {
                if (names(text, field, columns[column])) {
                    found = found == -1 ? field : -2;
                }
            }
            rowIndexOfColumn[column] = found;
            complete &= found >= 0;
        }
        if (!complete) {
            tally.problem(line, "header must name the columns " + String.join(",", columns)
                    + " once each; found " + excerpt(text, start, end)
                    + "; reading the file in that documented order");
            useDocumentedOrder();
        }
    }

    private void useDocumentedOrder() {
        width = columns.length;
        fieldStart = new int[width];
        fieldEnd = new int[width];
        for (int column = 0; column < columns.length; column++) {
            rowIndexOfColumn[column] = column;
        }
    }

    private boolean names(char[] text, int field, String column) {
        int from = fieldStart[field];
        int length = fieldEnd[field] - from;
        if (length != column.length()) {
            return false;
        }
        return new String(text, from, length).toLowerCase(Locale.ROOT).equals(column);
    }

    private static int countFields(char[] text, int start, int end) {
        int fields = 1;
        for (int i = start; i < end; i++) {
            if (text[i] == ',') {
                fields++;
            }
        }
        return fields;
    }

    /** Records the trimmed bounds of up to {@code width} fields of the line; returns how many fields it has. */
    private int split(char[] text, int start, int end) {
        int fields = 0;
        int from = start;
        for (int i = start; i <= end; i++) {
            if (i == end || text[i] == ',') {
                if (fields < width) {
                    int a = from;
                    int b = i;
                    while (a < b && isBlank(text[a])) {
                        a++;
                    }
                    while (b > a && isBlank(text[b - 1])) {
                        b--;
                    }
                    fieldStart[fields] = a;
                    fieldEnd[fields] = b;
                }
                fields++;
                from = i + 1;
            }
        }
        return fields;
    }
}
