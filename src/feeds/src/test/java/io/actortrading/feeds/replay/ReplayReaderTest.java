package io.actortrading.feeds.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.actortrading.market.Bar;
import io.actortrading.market.MarketEvent;
import io.actortrading.market.Quote;
import io.actortrading.market.Tick;
import io.actortrading.market.Timeframe;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayReaderTest {

    private static final Path NAME = Path.of("memory.csv");

    static Path fixture(String name) {
        try {
            return Path.of(ReplayReaderTest.class.getResource("/replay/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<MarketEvent> readAll(ReplayReader reader) {
        List<MarketEvent> events = new ArrayList<>();
        while (reader.next(events::add)) {
            assertThat(reader.events()).isEqualTo(events.size());
        }
        return events;
    }

    private static ReplayReader reader(ReplayFormat format, String content) {
        return ReplayReader.of(NAME, format, "replay", new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
    }

    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static Bar bar(String symbol, String start, double open, double high, double low, double close, double volume) {
        long t = millis(start);
        return new Bar(symbol, Timeframe.M1, t, t + 60_000, open, high, low, close, volume,
                Bar.typicalPrice(high, low, close), 0, "replay");
    }

    @Test
    void readsTheCsvBarsFixture() {
        try (ReplayReader reader = ReplayReader.open(fixture("bars.csv"), ReplayFormat.CSV_BARS, "replay")) {
            assertThat(readAll(reader)).containsExactly(
                    bar("NVDA", "2026-03-02T14:30:00Z", 182.40, 182.66, 182.37, 182.42, 698900),
                    bar("MSFT", "2026-03-02T14:30:00Z", 408.10, 408.60, 408.05, 408.60, 94400),
                    bar("NVDA", "2026-03-02T14:31:00Z", 182.42, 182.65, 182.35, 182.42, 794800),
                    bar("BTC-USD", "2026-03-02T14:32:00Z", 66000.5, 66010, 65990.25, 66005.75, 1.2345));
            assertThat(reader.summary()).isEqualTo(new ReplaySummary(1, 5, 4, 0, 0, List.of(), 0, 0));
        }
    }

    @Test
    void readsTheCsvTicksFixtureKeepingRepeatedTrades() {
        try (ReplayReader reader = ReplayReader.open(fixture("ticks.csv"), ReplayFormat.CSV_TICKS, "replay")) {
            assertThat(readAll(reader)).containsExactly(
                    Tick.of("NVDA", millis("2026-03-02T14:30:00.123Z"), 182.41, 100, "replay"),
                    Tick.of("NVDA", millis("2026-03-02T14:30:00.123Z"), 182.41, 100, "replay"),
                    Tick.of("MSFT", millis("2026-03-02T14:30:01.500Z"), 408.12, 37, "replay"),
                    Tick.of("BTC-USD", millis("2026-03-02T14:30:01Z"), 66001.25, 0.00125, "replay"));
            assertThat(reader.problems()).isEmpty();
        }
    }

    @Test
    void readsThePolygonStocksFixture() {
        try (ReplayReader reader = ReplayReader.open(fixture("polygon-ws-stocks.jsonl"), ReplayFormat.POLYGON_WS, "polygon")) {
            assertThat(readAll(reader)).containsExactly(
                    new Tick("MSFT", 1772461800784L, 408.125, 100, "polygon", "12345", 3681328L, 4),
                    new Quote("MSFT", 1772461800790L, 408.12, 200, 408.13, 300, "polygon"),
                    new Tick("MSFT", 1772461859990L, 408.13, 5, "polygon", "12346", 3681330L, 11),
                    new Bar("MSFT", Timeframe.M1, 1772461800000L, 1772461860000L, 408.11, 408.2, 408.05, 408.13, 4110,
                            408.1175, 0, "polygon"));
            assertThat(reader.summary()).isEqualTo(new ReplaySummary(1, 7, 4, 0, 0, List.of(), 3, 2));
        }
    }

    @Test
    void readsThePolygonCryptoFixture() {
        try (ReplayReader reader = ReplayReader.open(fixture("polygon-ws-crypto.jsonl"), ReplayFormat.POLYGON_WS, "polygon")) {
            assertThat(readAll(reader)).containsExactly(
                    new Tick("BTC-USD", 1772461800425L, 66021.9, 0.01616617, "polygon", "14272084", Tick.NO_SEQUENCE, 3),
                    new Quote("BTC-USD", 1772461800515L, 66019.79, 0.48, 66023.19, 0.601, "polygon"),
                    new Bar("BTC-USD", Timeframe.M1, 1772461800000L, 1772461860000L, 66010.2, 66040.0, 66001.1, 66031.4,
                            951.6112, 66020.7756, 0, "polygon"));
            assertThat(reader.summary().statusMessages()).isEqualTo(3);
        }
    }

    @Test
    void skipsMalformedCsvLinesWithTheirFileAndLineAndReadsTheRest() {
        String content = String.join("\n",
                "ts,symbol,open,high,low,close,volume",
                "2026-03-02T09:30:00-05:00,NVDA,182.40,182.66,182.37,182.42,698900",
                "2026-03-02T09:31:00-05:00,NVDA,182.42,182.65,182.35,182.42",
                "2026-03-02T09:31:00-05:00,NVDA,182.42,182.65,182.35,182.42,794800,7",
                "2026-03-02T09:32:00,NVDA,1,1,1,1,1",
                "2026-03-02T09:33:00-05:00,NV DA,1,1,1,1,1",
                "2026-03-02T09:34:00-05:00,NVDA,1,NaN,1,Infinity,1",
                "2026-03-02T09:35:00-05:00,NVDA,1,1,1,1,1e999",
                "",
                "2026-03-02T09:36:00-05:00,NVDA,182.50,182.70,182.40,182.60,500000");

        try (ReplayReader reader = reader(ReplayFormat.CSV_BARS, content)) {
            assertThat(readAll(reader)).containsExactly(
                    bar("NVDA", "2026-03-02T14:30:00Z", 182.40, 182.66, 182.37, 182.42, 698900),
                    bar("NVDA", "2026-03-02T14:36:00Z", 182.50, 182.70, 182.40, 182.60, 500000));
            assertThat(reader.problems()).containsExactly(
                    new ReplayProblem(NAME, 3, "expected 7 columns, found 6"),
                    new ReplayProblem(NAME, 4, "expected 7 columns, found 8"),
                    new ReplayProblem(NAME, 5, "ts is neither ISO-8601 with an offset nor epoch milliseconds: \"2026-03-02T09:32:00\""),
                    new ReplayProblem(NAME, 6, "symbol is not a symbol: \"NV DA\""),
                    new ReplayProblem(NAME, 7, "high is not a finite decimal number: \"NaN\""),
                    new ReplayProblem(NAME, 7, "close is not a finite decimal number: \"Infinity\""),
                    new ReplayProblem(NAME, 8, "volume is not a finite decimal number: \"1e999\""));
            assertThat(reader.skippedLines()).isEqualTo(6);
            assertThat(reader.problemCount()).isEqualTo(7);
            assertThat(reader.lines()).isEqualTo(10);
            assertThat(reader.problems().get(0)).hasToString("memory.csv:3: expected 7 columns, found 6");
        }
    }

    @Test
    void skipsMalformedTickLines() {
        String content = "ts,symbol,price,size\n"
                + "1772461800000,NVDA,182.41,100\n"
                + "1772461800000,NVDA,NaN,100\n"
                + "1772461800000,NVDA,182.41\n"
                + "1772461800001,nvda,182.42,50\n";

        try (ReplayReader reader = reader(ReplayFormat.CSV_TICKS, content)) {
            assertThat(readAll(reader)).containsExactly(
                    Tick.of("NVDA", 1772461800000L, 182.41, 100, "replay"),
                    Tick.of("NVDA", 1772461800001L, 182.42, 50, "replay"));
            assertThat(reader.problems()).extracting(ReplayProblem::line).containsExactly(3L, 4L);
        }
    }

    @Test
    void readsColumnsByTheirHeaderNamesInAnyOrderIgnoringExtras() {
        String content = "\uFEFF Symbol , TS,size,exchange,PRICE\r\n"
                + "NVDA,1772461800000,100,Q,182.41\r\n";

        try (ReplayReader reader = reader(ReplayFormat.CSV_TICKS, content)) {
            assertThat(readAll(reader)).containsExactly(Tick.of("NVDA", 1772461800000L, 182.41, 100, "replay"));
            assertThat(reader.problems()).isEmpty();
        }
    }

    @Test
    void reportsAWrongHeaderAndReadsTheRowsInTheDocumentedOrder() {
        String content = "time,sym,price,size\n"
                + "1772461800000,NVDA,182.41,100\n";

        try (ReplayReader reader = reader(ReplayFormat.CSV_TICKS, content)) {
            assertThat(readAll(reader)).containsExactly(Tick.of("NVDA", 1772461800000L, 182.41, 100, "replay"));
            assertThat(reader.problems()).singleElement().satisfies(p -> {
                assertThat(p.line()).isEqualTo(1);
                assertThat(p.reason()).startsWith("header must name the columns ts,symbol,price,size once each");
            });
        }
    }

    @Test
    void rejectsAHeaderThatNamesAColumnTwice() {
        try (ReplayReader reader = reader(ReplayFormat.CSV_TICKS, "ts,symbol,price,size,price\n")) {
            readAll(reader);
            assertThat(reader.problems()).singleElement().extracting(ReplayProblem::line).isEqualTo(1L);
        }
    }

    @Test
    void keepsTheFirstHundredProblemsButCountsThemAll() {
        StringBuilder content = new StringBuilder("ts,symbol,price,size\n");
        for (int i = 0; i < 250; i++) {
            content.append("bad\n");
        }
        content.append("1772461800000,NVDA,182.41,100\n");

        try (ReplayReader reader = reader(ReplayFormat.CSV_TICKS, content.toString())) {
            assertThat(readAll(reader)).hasSize(1);
            assertThat(reader.problems()).hasSize(ReplayReader.MAX_RECORDED_PROBLEMS);
            assertThat(reader.problems().get(99).line()).isEqualTo(101);
            assertThat(reader.problemCount()).isEqualTo(250);
            assertThat(reader.skippedLines()).isEqualTo(250);
        }
    }

    @Test
    void reportsPolygonFramesWithTheirLineAndKeepsTheGoodEventsOfAMixedFrame() {
        String content = "[{\"ev\":\"status\",\"status\":\"connected\",\"message\":\"Connected Successfully\"}]\n"
                + "this is not json\n"
                + "[{\"ev\":\"T\",\"sym\":\"MSFT\",\"p\":1,\"s\":1,\"t\":5},{\"ev\":\"NOI\",\"T\":\"MSFT\"},{\"ev\":\"T\",\"sym\":\"MSFT\",\"t\":6}]\n"
                + "[{\"ev\":\"T\",\"sym\":\"MSFT\",\"p\":2,\"s\":2,\"t\":7}]\n";

        try (ReplayReader reader = reader(ReplayFormat.POLYGON_WS, content)) {
            assertThat(readAll(reader)).containsExactly(
                    Tick.of("MSFT", 5, 1, 1, "replay"),
                    Tick.of("MSFT", 7, 2, 2, "replay"));
            assertThat(reader.problems()).extracting(ReplayProblem::line, ReplayProblem::reason).containsExactly(
                    tuple(2L, "invalid JSON: Unrecognized token 'this': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"),
                    tuple(3L, "unknown ev \"NOI\""),
                    tuple(3L, "T event for MSFT: missing p"));
            assertThat(reader.skippedLines()).isEqualTo(2);
            assertThat(reader.problemCount()).isEqualTo(3);
            assertThat(reader.summary().statusMessages()).isEqualTo(1);
        }
    }

    @Test
    void turnsBytesThatAreNotUtf8IntoAProblemOnTheirLine() {
        byte[] content = "ts,symbol,price,size\n1772461800000,NV\u00c4A,1,1\n1772461800000,NVDA,1,1\n"
                .getBytes(StandardCharsets.ISO_8859_1);

        try (ReplayReader reader = ReplayReader.of(NAME, ReplayFormat.CSV_TICKS, "replay", new ByteArrayInputStream(content))) {
            assertThat(readAll(reader)).hasSize(1);
            assertThat(reader.problems()).singleElement().extracting(ReplayProblem::line).isEqualTo(2L);
        }
    }

    @Test
    void namesTheFileThatDoesNotExist(@TempDir Path dir) {
        Path missing = dir.resolve("missing.csv");

        assertThatThrownBy(() -> ReplayReader.open(missing, ReplayFormat.CSV_BARS, "replay"))
                .isInstanceOf(ReplayFileException.class)
                .hasMessage("replay file " + missing + ": no such file")
                .satisfies(e -> assertThat(((ReplayFileException) e).file()).isEqualTo(missing));
    }

    @Test
    void namesADirectoryGivenAsAFile(@TempDir Path dir) {
        assertThatThrownBy(() -> ReplayReader.open(dir, ReplayFormat.CSV_BARS, "replay"))
                .isInstanceOf(ReplayFileException.class)
                .hasMessageContaining(dir.toString());
    }

    @Test
    void readsAFileFromDisk(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("ticks.csv");
        Files.writeString(file, "ts,symbol,price,size\n2026-03-02T14:30:00Z,NVDA,182.41,100\n");

        try (ReplayReader reader = ReplayReader.open(file, ReplayFormat.CSV_TICKS, "replay")) {
            assertThat(readAll(reader)).hasSize(1);
            assertThat(reader.file()).isEqualTo(file);
            assertThat(reader.next(e -> { })).isFalse();
        }
    }

    @Test
    void knowsTheFormatsByTheirCommandLineNames() {
        assertThat(ReplayFormat.fromCliName("csv-bars")).contains(ReplayFormat.CSV_BARS);
        assertThat(ReplayFormat.fromCliName("csv-ticks")).contains(ReplayFormat.CSV_TICKS);
        assertThat(ReplayFormat.fromCliName("polygon-ws")).contains(ReplayFormat.POLYGON_WS);
        assertThat(ReplayFormat.fromCliName("polygon-rest")).contains(ReplayFormat.POLYGON_REST);
        assertThat(ReplayFormat.fromCliName("yahoo-chart")).contains(ReplayFormat.YAHOO_CHART);
        assertThat(ReplayFormat.fromCliName("alphavantage")).contains(ReplayFormat.ALPHAVANTAGE);
        assertThat(ReplayFormat.fromCliName("twelvedata")).contains(ReplayFormat.TWELVEDATA);
        assertThat(ReplayFormat.fromCliName("csv-quotes")).isEmpty();
        assertThat(ReplayFormat.POLYGON_WS.cliName()).isEqualTo("polygon-ws");
    }
}
