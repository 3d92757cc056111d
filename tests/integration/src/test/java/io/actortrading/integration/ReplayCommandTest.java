package io.actortrading.integration;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.actortrading.node.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code actortrading replay} end to end, in-process through picocli as {@code bin/actortrading}
 * runs it: the node's router, shard region, symbol actors and journal over recorded files of each
 * format (line formats and one provider response body per file), checked against the output contract of DESIGN.md §7 and against the input itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayCommandTest {

    /** The recorded sessions under src/test/resources/replay, each long enough for features to warm up. */
    enum Fixture {
        CSV_BARS("csv-bars", "bars-nvda-msft.csv", "NVDA", 70, "America/New_York"),
        CSV_TICKS("csv-ticks", "ticks-nvda.csv", "NVDA", 65, "America/New_York"),
        POLYGON_WS("polygon-ws", "polygon-ws-btc.jsonl", "BTC-USD", 65, "UTC"),
        POLYGON_REST("polygon-rest", "polygon-rest-aapl.json", "AAPL", 390, "America/New_York"),
        YAHOO_CHART("yahoo-chart", "yahoo-chart-nvda.json", "NVDA", 90, "America/New_York"),
        ALPHAVANTAGE("alphavantage", "alphavantage-nvda.json", "NVDA", 90, "America/New_York"),
        TWELVEDATA("twelvedata", "twelvedata-aapl.json", "AAPL", 90, "America/New_York");

        final String format;
        final String file;
        /** The symbol the session covers minute by minute, and for how many minutes. */
        final String longSymbol;
        final int minutes;
        final ZoneId exchangeZone;

        Fixture(String format, String file, String longSymbol, int minutes, String exchangeZone) {
            this.format = format;
            this.file = file;
            this.longSymbol = longSymbol;
            this.minutes = minutes;
            this.exchangeZone = ZoneId.of(exchangeZone);
        }

        Path path() {
            try {
                return Path.of(ReplayCommandTest.class.getResource("/replay/" + file).toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private record Run(int exitCode, String stderr, Path out) {
        List<String> lines() {
            try {
                return Files.readAllLines(out, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private record RecordedTrade(long time, double price, double size) {
    }

    private static final List<String> LINE_FIELDS = List.of("symbol", "timeframe", "start", "end", "open", "high",
            "low", "close", "volume", "vwap", "trades", "indicators", "features");
    private static final List<String> INDICATORS = List.of("sma_20", "ema_12", "ema_26", "rsi_14", "macd",
            "macd_signal", "macd_hist", "bb_upper", "bb_middle", "bb_lower", "atr_14", "vwap_session", "obv",
            "stddev_20");
    private static final List<String> TIMEFRAMES = List.of("1m", "5m", "15m", "1h", "1d");
    private static final Pattern ISO_UTC = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
    private static final int FEATURE_COUNT = 12;
    /** Features need this many closed 1-minute bars; before that they are null. */
    private static final int FEATURE_WINDOW = 50;
    private static final int SMA_LENGTH = 20;
    private static final double EXACT = 1e-9;

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private final Map<Fixture, Run> firstRuns = new EnumMap<>(Fixture.class);

    @BeforeAll
    void replayEveryFixtureOnce(@TempDir Path dir) {
        for (Fixture fixture : Fixture.values()) {
            Path out = dir.resolve(fixture.format + ".jsonl");
            firstRuns.put(fixture, replay(fixture.format, out, fixture.path()));
        }
    }

    @ParameterizedTest
    @EnumSource(Fixture.class)
    void exitsCleanAndWritesEveryLineInTheDocumentedShape(Fixture fixture) throws IOException {
        Run run = firstRuns.get(fixture);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<String> lines = run.lines();
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            JsonNode bar = mapper.readTree(line);
            assertThat(bar.isObject()).as(line).isTrue();
            assertThat(fieldNames(bar)).as(line).containsExactlyElementsOf(LINE_FIELDS);
            assertThat(bar.path("symbol").isTextual()).as(line).isTrue();
            assertThat(bar.path("timeframe").asText()).as(line).isIn(TIMEFRAMES);
            assertThat(bar.path("start").asText()).as(line).matches(ISO_UTC);
            assertThat(bar.path("end").asText()).as(line).matches(ISO_UTC);
            assertThat(Instant.parse(bar.path("end").asText())).as(line)
                    .isAfter(Instant.parse(bar.path("start").asText()));
            for (String price : List.of("open", "high", "low", "close", "volume", "vwap")) {
                assertThat(bar.path(price).isNumber()).as(price + " in " + line).isTrue();
            }
            assertThat(bar.path("trades").isIntegralNumber()).as(line).isTrue();
            assertThat(fieldNames(bar.path("indicators"))).as(line).containsExactlyElementsOf(INDICATORS);
            bar.path("indicators").forEach(value -> assertThat(value.isNumber() || value.isNull()).as(line).isTrue());
            JsonNode features = bar.path("features");
            if (!features.isNull()) {
                assertThat(features.isArray()).as(line).isTrue();
                assertThat(features.size()).as(line).isEqualTo(FEATURE_COUNT);
                features.forEach(value -> assertThat(value.isNumber()).as(line).isTrue());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Fixture.class)
    void buildsOneAndFiveMinuteBarsWhoseIndicatorsAndFeaturesWarmUp(Fixture fixture) {
        List<ReplayedBar> bars = bars(firstRuns.get(fixture));

        assertThat(bars).extracting(ReplayedBar::timeframe).contains("1m", "5m");
        List<ReplayedBar> minutes = minuteBars(bars, fixture.longSymbol);
        assertThat(minutes).hasSize(fixture.minutes);
        assertThat(minutes.subList(0, FEATURE_WINDOW - 1)).noneMatch(ReplayedBar::hasFeatures);
        assertThat(minutes.subList(FEATURE_WINDOW - 1, minutes.size())).allMatch(ReplayedBar::hasFeatures);
        ReplayedBar last = minutes.get(minutes.size() - 1);
        for (String name : INDICATORS) {
            assertThat(last.indicator(name)).as(name + " after " + fixture.minutes + " minutes").isFinite();
        }
    }

    @ParameterizedTest
    @EnumSource(Fixture.class)
    void fiveMinuteBarsAreTheFoldOfTheirOneMinuteBars(Fixture fixture) {
        List<ReplayedBar> bars = bars(firstRuns.get(fixture));
        List<ReplayedBar> fiveMinute = bars.stream().filter(b -> b.timeframe().equals("5m")).toList();

        assertThat(fiveMinute).hasSizeGreaterThanOrEqualTo(fixture.minutes / 5);
        for (ReplayedBar five : fiveMinute) {
            List<ReplayedBar> ones = minuteBars(bars, five.symbol()).stream()
                    .filter(one -> !one.start().isBefore(five.start()) && !one.end().isAfter(five.end()))
                    .toList();
            assertThat(ones).as("1m bars of %s", five).hasSize(5);
            assertThat(ones.get(0).start()).isEqualTo(five.start());
            assertThat(ones.get(4).end()).isEqualTo(five.end());
            assertThat(five.open()).as("open of %s", five).isEqualTo(ones.get(0).open());
            assertThat(five.high()).as("high of %s", five)
                    .isEqualTo(ones.stream().mapToDouble(ReplayedBar::high).max().orElseThrow());
            assertThat(five.low()).as("low of %s", five)
                    .isEqualTo(ones.stream().mapToDouble(ReplayedBar::low).min().orElseThrow());
            assertThat(five.close()).as("close of %s", five).isEqualTo(ones.get(4).close());
            assertThat(five.volume()).as("volume of %s", five)
                    .isCloseTo(ones.stream().mapToDouble(ReplayedBar::volume).sum(), within(EXACT * five.volume()));
            assertThat(five.trades()).as("trades of %s", five)
                    .isEqualTo(ones.stream().mapToLong(ReplayedBar::trades).sum());
        }
    }

    @Test
    void oneMinuteBarsOfCsvBarsAreTheRecordedRows() throws IOException {
        List<ReplayedBar> bars = bars(firstRuns.get(Fixture.CSV_BARS));
        List<String> rows = Files.readAllLines(Fixture.CSV_BARS.path(), StandardCharsets.UTF_8);

        assertThat(bars.stream().filter(b -> b.timeframe().equals("1m"))).hasSize(rows.size() - 1);
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            Instant start = Instant.ofEpochMilli(epochMillis(cells[0]));
            ReplayedBar bar = bars.stream()
                    .filter(b -> b.timeframe().equals("1m") && b.symbol().equals(cells[1]) && b.start().equals(start))
                    .findFirst().orElseThrow(() -> new AssertionError("no 1m bar for row " + row));
            assertThat(bar.end()).isEqualTo(start.plusSeconds(60));
            assertThat(new double[]{bar.open(), bar.high(), bar.low(), bar.close(), bar.volume()}).as(row)
                    .containsExactly(new double[]{Double.parseDouble(cells[2]), Double.parseDouble(cells[3]),
                            Double.parseDouble(cells[4]), Double.parseDouble(cells[5]), Double.parseDouble(cells[6])},
                            within(EXACT));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Fixture.class, names = {"CSV_TICKS", "POLYGON_WS"})
    void oneMinuteBarsOfTradesAreTheFoldOfTheRecordedTrades(Fixture fixture) throws IOException {
        Map<Long, List<RecordedTrade>> byMinute = new TreeMap<>();
        for (RecordedTrade trade : recordedTrades(fixture)) {
            byMinute.computeIfAbsent(Math.floorDiv(trade.time(), 60_000L), m -> new ArrayList<>()).add(trade);
        }
        List<ReplayedBar> minutes = minuteBars(bars(firstRuns.get(fixture)), fixture.longSymbol);

        assertThat(minutes).hasSameSizeAs(byMinute.keySet());
        Iterator<ReplayedBar> replayed = minutes.iterator();
        for (Map.Entry<Long, List<RecordedTrade>> minute : byMinute.entrySet()) {
            ReplayedBar bar = replayed.next();
            List<RecordedTrade> trades = minute.getValue();
            double volume = trades.stream().mapToDouble(RecordedTrade::size).sum();
            double notional = trades.stream().mapToDouble(t -> t.price() * t.size()).sum();
            assertThat(bar.start()).isEqualTo(Instant.ofEpochMilli(minute.getKey() * 60_000L));
            assertThat(bar.open()).as("open of %s", bar).isCloseTo(trades.get(0).price(), within(EXACT));
            assertThat(bar.high()).as("high of %s", bar)
                    .isCloseTo(trades.stream().mapToDouble(RecordedTrade::price).max().orElseThrow(), within(EXACT));
            assertThat(bar.low()).as("low of %s", bar)
                    .isCloseTo(trades.stream().mapToDouble(RecordedTrade::price).min().orElseThrow(), within(EXACT));
            assertThat(bar.close()).as("close of %s", bar).isCloseTo(trades.get(trades.size() - 1).price(), within(EXACT));
            assertThat(bar.volume()).as("volume of %s", bar).isCloseTo(volume, within(EXACT * volume));
            assertThat(bar.vwap()).as("vwap of %s", bar).isCloseTo(notional / volume, within(EXACT * bar.vwap()));
            assertThat(bar.trades()).as("trades of %s", bar).isEqualTo(trades.size());
        }
    }

    @ParameterizedTest
    @EnumSource(Fixture.class)
    void featuresAndSmaDescribeTheBarsTheyCameWith(Fixture fixture) {
        List<ReplayedBar> minutes = minuteBars(bars(firstRuns.get(fixture)), fixture.longSymbol);

        for (int i = FEATURE_WINDOW - 1; i < minutes.size(); i++) {
            ReplayedBar bar = minutes.get(i);
            ZonedDateTime exchangeStart = bar.start().atZone(fixture.exchangeZone);
            double sma = minutes.subList(i + 1 - SMA_LENGTH, i + 1).stream()
                    .mapToDouble(ReplayedBar::close).average().orElseThrow();
            assertThat(bar.feature(11)).as("close feature of %s", bar).isEqualTo(bar.close());
            assertThat(bar.feature(9)).as("hour feature of %s", bar).isEqualTo(exchangeStart.getHour());
            assertThat(bar.feature(10)).as("minute feature of %s", bar).isEqualTo(exchangeStart.getMinute());
            assertThat(bar.feature(3)).as("sma_20 feature of %s", bar).isCloseTo(sma, within(EXACT * sma));
            assertThat(bar.indicator("sma_20")).as("sma_20 indicator of %s", bar).isCloseTo(sma, within(EXACT * sma));
        }
    }

    @ParameterizedTest
    @EnumSource(Fixture.class)
    void sameInputGivesTheSameBytes(Fixture fixture, @TempDir Path dir) throws IOException {
        Path again = dir.resolve("again.jsonl");

        Run rerun = replay(fixture.format, again, fixture.path());

        assertThat(rerun.exitCode()).as(rerun.stderr()).isZero();
        assertThat(Files.mismatch(firstRuns.get(fixture).out(), again)).isEqualTo(-1L);
    }

    @Test
    void malformedLineIsNamedAndSkippedWhileTheOtherLinesStillGiveTheirBars(@TempDir Path dir) throws IOException {
        List<String> rows = new ArrayList<>(Files.readAllLines(Fixture.CSV_BARS.path(), StandardCharsets.UTF_8));
        int badLine = 12;
        rows.add(badLine - 1, "2026-03-02T09:35:00-05:00,NVDA,182.50,18x.60,182.10,182.20,1000");
        Path damaged = dir.resolve("damaged-bars.csv");
        Files.write(damaged, rows, StandardCharsets.UTF_8);
        Path out = dir.resolve("damaged.jsonl");

        Run run = replay("csv-bars", out, damaged);

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(run.stderr()).contains(damaged + ":" + badLine + ":");
        assertThat(run.stderr()).doesNotContain(damaged + ":" + (badLine + 1) + ":");
        assertThat(Files.mismatch(firstRuns.get(Fixture.CSV_BARS).out(), out))
                .as("the damaged file's output against the clean file's").isEqualTo(-1L);
    }

    @Test
    void missingFileIsNamedAndNothingIsWritten(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-session.csv");
        Path out = dir.resolve("out.jsonl");

        Run run = replay("csv-bars", out, Fixture.CSV_BARS.path(), missing);

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(run.stderr()).contains(missing.toString());
        assertThat(out).doesNotExist();
    }

    @Test
    void unknownFormatIsRefusedWithTheKnownOnes(@TempDir Path dir) {
        Run run = replay("csv-quotes", dir.resolve("out.jsonl"), Fixture.CSV_BARS.path());

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(run.stderr()).contains("csv-quotes", "csv-bars", "csv-ticks", "polygon-ws");
    }

    /**
     * Runs {@code actortrading replay --format FORMAT FILES... --out OUT} as {@code Main.main} does,
     * minus its {@code System.exit}. The replay command reports on {@code System.err} itself, so that
     * stream is captured for the run.
     */
    private static synchronized Run replay(String format, Path out, Path... files) {
        List<String> args = new ArrayList<>(List.of("replay", "--format", format));
        for (Path file : files) {
            args.add(file.toString());
        }
        args.addAll(List.of("--out", out.toString()));
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            exitCode = new CommandLine(new Main()).execute(args.toArray(String[]::new));
        } finally {
            System.setErr(original);
        }
        return new Run(exitCode, captured.toString(StandardCharsets.UTF_8), out);
    }

    private List<ReplayedBar> bars(Run run) {
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<ReplayedBar> bars = new ArrayList<>();
        for (String line : run.lines()) {
            try {
                bars.add(ReplayedBar.of(mapper.readTree(line)));
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + line, e);
            }
        }
        return bars;
    }

    private static List<ReplayedBar> minuteBars(List<ReplayedBar> bars, String symbol) {
        return bars.stream()
                .filter(b -> b.timeframe().equals("1m") && b.symbol().equals(symbol))
                .sorted(Comparator.comparing(ReplayedBar::start))
                .toList();
    }

    private List<RecordedTrade> recordedTrades(Fixture fixture) throws IOException {
        List<String> lines = Files.readAllLines(fixture.path(), StandardCharsets.UTF_8);
        List<RecordedTrade> trades = new ArrayList<>();
        if (fixture == Fixture.CSV_TICKS) {
            for (String row : lines.subList(1, lines.size())) {
                String[] cells = row.split(",");
                trades.add(new RecordedTrade(epochMillis(cells[0]), Double.parseDouble(cells[2]),
                        Double.parseDouble(cells[3])));
            }
            return trades;
        }
        for (String frame : lines) {
            for (JsonNode event : mapper.readTree(frame)) {
                if (event.path("ev").asText().equals("XT")) {
                    trades.add(new RecordedTrade(event.path("t").asLong(), event.path("p").asDouble(),
                            event.path("s").asDouble()));
                }
            }
        }
        return trades;
    }

    private static long epochMillis(String ts) {
        return ts.chars().allMatch(Character::isDigit)
                ? Long.parseLong(ts)
                : OffsetDateTime.parse(ts).toInstant().toEpochMilli();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
