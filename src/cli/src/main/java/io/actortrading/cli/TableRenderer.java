package io.actortrading.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Plain aligned columns, two spaces apart, no colours and no box drawing, so the output reads the same
 * in a terminal, a log file and a pipe into {@code awk}. An absent cell is printed as {@code -}.
 */
public final class TableRenderer {

    static final String ABSENT = "-";
    private static final String GAP = "  ";

    private final String[] headers;
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();

    private TableRenderer(String[] headers) {
        this.headers = headers.clone();
        this.rightAligned = new boolean[headers.length];
    }

    public static TableRenderer withColumns(String... headers) {
        return new TableRenderer(headers);
    }

    /** Numbers read best right-aligned, so that their magnitudes line up. */
    public TableRenderer alignRight(String... columns) {
        for (String column : columns) {
            int index = Arrays.asList(headers).indexOf(column);
            if (index < 0) {
                throw new IllegalArgumentException("no column " + column + " in " + Arrays.toString(headers));
            }
            rightAligned[index] = true;
        }
        return this;
    }

    public TableRenderer row(String... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException(cells.length + " cells for " + headers.length + " columns");
        }
        String[] row = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            row[i] = cells[i] == null || cells[i].isEmpty() ? ABSENT : cells[i];
        }
        rows.add(row);
        return this;
    }

    public int rowCount() {
        return rows.size();
    }

    /** The header line and one line per row, each ending in a newline. */
    public String render() {
        int[] widths = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            widths[i] = headers[i].length();
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendLine(out, headers, widths);
        for (String[] row : rows) {
            appendLine(out, row, widths);
        }
        return out.toString();
    }

    private void appendLine(StringBuilder out, String[] cells, int[] widths) {
        int lineStart = out.length();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(GAP);
            }
            int padding = widths[i] - cells[i].length();
            if (rightAligned[i]) {
                out.append(" ".repeat(padding)).append(cells[i]);
            } else {
                out.append(cells[i]).append(" ".repeat(padding));
            }
        }
        int end = out.length();
        while (end > lineStart && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        out.append('\n');
    }
}
