package io.actortrading.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads back a table printed by {@link TableRenderer}: columns are separated by two or more spaces. */
final class RenderedTable {

    private RenderedTable() {
    }

    /** The rows of the table whose header line starts with {@code firstHeader}, each keyed by header. */
    static List<Map<String, String>> rows(String output, String firstHeader) {
        List<String> lines = output.lines().toList();
        int headerLine = -1;
        for (int i = 0; i < lines.size(); i++) {
            String[] cells = split(lines.get(i));
            if (cells.length > 1 && cells[0].equals(firstHeader)) {
                headerLine = i;
                break;
            }
        }
        if (headerLine < 0) {
            throw new AssertionError("no table with header " + firstHeader + " in:\n" + output);
        }
        String[] headers = split(lines.get(headerLine));
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = headerLine + 1; i < lines.size(); i++) {
            String[] cells = split(lines.get(i));
            if (cells.length != headers.length) {
                break;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < headers.length; c++) {
                row.put(headers[c], cells[c]);
            }
            rows.add(row);
        }
        return rows;
    }

    /** The one row whose {@code column} holds {@code value}. */
    static Map<String, String> row(String output, String firstHeader, String column, String value) {
        List<Map<String, String>> matching = rows(output, firstHeader).stream()
                .filter(r -> value.equals(r.get(column)))
                .toList();
        if (matching.size() != 1) {
            throw new AssertionError(matching.size() + " rows with " + column + "=" + value + " in:\n" + output);
        }
        return matching.get(0);
    }

    private static String[] split(String line) {
        String stripped = line.strip();
        return stripped.isEmpty() ? new String[0] : stripped.split("\\s{2,}");
    }
}
