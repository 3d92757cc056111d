package io.actortrading.node.bench;

import io.actortrading.integration.TestPostgres;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bench --persistence postgres} on a small load against a real server: it reports the load,
 * the projection, a catch-up over the whole journal (the load's bars and the seeded ones) and the raw
 * write, with row counts that add up, and leaves no database behind. Speed is printed, never asserted.
 */
class PostgresBenchTest {

    private static final int RAW_ROWS = 12_000;
    private static final int SEEDED = 3_000;
    private static final Pattern DATABASE = Pattern.compile("bench: PostgreSQL database [^/]+/(at_bench_[0-9a-f]{8}) \\(dropped at the end\\)");
    private static final Pattern MEASURE_LINE = Pattern.compile("bench measure +\\d+s: +[0-9,]+ ticks/s .* projected=[0-9,]+ rows +lag=.*");
    private static final Pattern CATCH_UP = Pattern.compile("bench: catch-up from offset 0: ([0-9,]+) events -> ([0-9,]+) rows .*: [0-9,]+ rows/s");
    private static final Pattern RAW = Pattern.compile("bench: raw MarketDataTable.write: ([0-9,]+) rows in batches of [0-9,]+ in [0-9.]+s: [0-9,]+ rows/s");

    @Test
    void thePostgresBenchReportsLoadProjectionCatchUpAndRawWriteAndDropsItsDatabase() throws SQLException {
        try (TestPostgres.Database admin = TestPostgres.createDatabase("bench_admin")) {
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            PrintStream original = System.out;
            int exit;
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                exit = new CommandLine(new BenchCommand()).execute("--persistence", "postgres",
                        "--pg-url", admin.url(), "--pg-user", admin.user(), "--symbols", "20", "--rate", "20000",
                        "--speed", "600", "--warmup", "6s", "--duration", "3s", "--raw-rows", Integer.toString(RAW_ROWS),
                        "--catch-up-seed", Integer.toString(SEEDED));
            } finally {
                System.setOut(original);
            }
            String output = captured.toString(StandardCharsets.UTF_8);
            System.out.print(output);

            assertThat(exit).as(output).isZero();
            List<String> lines = output.lines().toList();
            Matcher database = DATABASE.matcher(output);
            assertThat(database.find()).as(output).isTrue();
            assertThat(lines).filteredOn(line -> line.startsWith("bench measure")).hasSizeGreaterThanOrEqualTo(2)
                    .allMatch(line -> MEASURE_LINE.matcher(line).matches());
            Map<String, String> result = result(lines);
            long bars = Long.parseLong(result.get("bars_persisted"));
            assertThat(bars).isPositive();
            assertThat(Long.parseLong(result.get("projected_rows"))).isBetween(0L, bars);
            assertThat(Long.parseLong(result.get("seeded_events"))).isEqualTo(SEEDED);
            assertThat(Long.parseLong(result.get("catch_up_events"))).isEqualTo(bars + SEEDED);
            assertThat(Long.parseLong(result.get("catch_up_rows"))).as("one row per bar event").isEqualTo(bars + SEEDED);
            assertThat(Long.parseLong(result.get("raw_write_rows"))).isEqualTo(RAW_ROWS);
            assertThat(result).containsKeys("ticks_per_s", "projection_rows_per_s", "lag_ms", "catch_up_rows_per_s",
                    "raw_write_rows_per_s");
            Matcher catchUp = CATCH_UP.matcher(output);
            assertThat(catchUp.find()).as(output).isTrue();
            assertThat(number(catchUp.group(1))).isEqualTo(bars + SEEDED);
            assertThat(output).contains(String.format(Locale.ROOT, "bench: %,d synthetic bar events appended to the journal", SEEDED));
            Matcher raw = RAW.matcher(output);
            assertThat(raw.find()).as(output).isTrue();
            assertThat(number(raw.group(1))).isEqualTo(RAW_ROWS);
            assertThat(exists(admin, database.group(1))).as("the bench database is dropped").isFalse();
        }
    }

    private static Map<String, String> result(List<String> lines) {
        String line = lines.stream().filter(l -> l.startsWith("RESULT persistence=postgres ")).findFirst().orElseThrow(
                () -> new AssertionError("no RESULT line in:\n" + String.join("\n", lines)));
        Map<String, String> values = new HashMap<>();
        for (String pair : line.substring("RESULT ".length()).split(" ")) {
            String[] kv = pair.split("=", 2);
            values.put(kv[0], kv[1]);
        }
        return values;
    }

    private static long number(String grouped) {
        return Long.parseLong(grouped.replace(",", ""));
    }

    private static boolean exists(TestPostgres.Database admin, String name) throws SQLException {
        try (Connection c = admin.connect();
             PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }
}
