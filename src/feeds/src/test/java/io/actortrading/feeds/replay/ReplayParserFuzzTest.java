package io.actortrading.feeds.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.actortrading.feeds.FiniteEvents;
import io.actortrading.feeds.TextMutation;
import io.actortrading.market.MarketEvent;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Every replay parser, fed garbage and damaged files: nothing throws and nothing non-finite gets out. */
class ReplayParserFuzzTest {

    private static final Path NAME = Path.of("fuzz");

    @Property(tries = 500)
    void randomBytesNeverThrowInAnyFormat(@ForAll @Size(max = 2_000) byte[] bytes) {
        for (ReplayFormat format : ReplayFormat.values()) {
            assertReadsSafely(format, bytes);
        }
    }

    @Property(tries = 500)
    void randomBytesAfterAValidHeaderNeverThrow(@ForAll @Size(max = 2_000) byte[] bytes) {
        assertReadsSafely(ReplayFormat.CSV_BARS, concat("ts,symbol,open,high,low,close,volume\n", bytes));
        assertReadsSafely(ReplayFormat.CSV_TICKS, concat("ts,symbol,price,size\n", bytes));
    }

    @Property(tries = 1_000)
    void aDamagedBarLineCostsNothingButItself(@ForAll("barLines") List<String> lines, @ForAll("mutations") List<TextMutation> mutations) {
        assertSurvivesMutation(ReplayFormat.CSV_BARS, "ts,symbol,open,high,low,close,volume", lines, mutations);
    }

    @Property(tries = 1_000)
    void aDamagedTickLineCostsNothingButItself(@ForAll("tickLines") List<String> lines, @ForAll("mutations") List<TextMutation> mutations) {
        assertSurvivesMutation(ReplayFormat.CSV_TICKS, "ts,symbol,price,size", lines, mutations);
    }

    @Property(tries = 1_000)
    void aDamagedPolygonFrameCostsNothingButItself(@ForAll("frames") List<String> lines, @ForAll("mutations") List<TextMutation> mutations) {
        assertSurvivesMutation(ReplayFormat.POLYGON_WS, "[{\"ev\":\"status\",\"status\":\"connected\"}]", lines, mutations);
    }

    @Property(tries = 300)
    void validLinesReadCleanly(@ForAll("barLines") List<String> lines) {
        String content = "ts,symbol,open,high,low,close,volume\n" + String.join("\n", lines);
        ReplayReader reader = ReplayReader.of(NAME, ReplayFormat.CSV_BARS, "replay",
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
        assertThat(readAll(reader)).hasSize(lines.size());
        assertThat(reader.problemCount()).isZero();
    }

    /** Damages one line and checks that it alone is lost: the lines around it still come through. */
    private static void assertSurvivesMutation(ReplayFormat format, String header, List<String> lines,
                                               List<TextMutation> mutations) {
        List<String> damaged = new ArrayList<>(lines);
        int victim = (int) (mutations.get(0).where() * (lines.size() - 1));
        damaged.set(victim, TextMutation.applyAll(lines.get(victim), mutations));
        String content = header + "\n" + String.join("\n", damaged) + "\n";
        ReplayReader reader = ReplayReader.of(NAME, format, "replay",
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));

        List<String> intact = new ArrayList<>(lines);
        intact.remove(victim);
        String intactContent = header + "\n" + String.join("\n", intact) + "\n";
        ReplayReader intactReader = ReplayReader.of(NAME, format, "replay",
                new ByteArrayInputStream(intactContent.getBytes(StandardCharsets.UTF_8)));

        List<MarketEvent> events = readAll(reader);

        assertThat(events).containsAll(readAll(intactReader));
        assertThat(reader.problems()).allSatisfy(p -> assertThat(p.line()).isBetween(1L, reader.lines()));
    }

    private static void assertReadsSafely(ReplayFormat format, byte[] bytes) {
        ReplayReader reader = ReplayReader.of(NAME, format, "replay", new ByteArrayInputStream(bytes));
        readAll(reader);
        assertThat(reader.problems().size()).isLessThanOrEqualTo(ReplayReader.MAX_RECORDED_PROBLEMS);
        assertThat(reader.skippedLines()).isLessThanOrEqualTo(reader.lines());
        assertThat(reader.problemCount()).isGreaterThanOrEqualTo(reader.skippedLines());
    }

    private static List<MarketEvent> readAll(ReplayReader reader) {
        List<MarketEvent> events = new ArrayList<>();
        while (reader.next(events::add)) {
            events.forEach(FiniteEvents::assertWellFormed);
        }
        assertThat(reader.events()).isEqualTo(events.size());
        return events;
    }

    private static byte[] concat(String head, byte[] tail) {
        byte[] start = head.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[start.length + tail.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(tail, 0, all, start.length, tail.length);
        return all;
    }

    private static Arbitrary<String> timestamps() {
        return Arbitraries.longs().between(1_500_000_000_000L, 1_900_000_000_000L).flatMap(millis -> Arbitraries.of(
                Long.toString(millis),
                Instant.ofEpochMilli(millis).toString(),
                Instant.ofEpochMilli(millis).atOffset(ZoneOffset.ofHours(-5)).toString()));
    }

    private static Arbitrary<String> prices() {
        return Arbitraries.bigDecimals().between(BigDecimal.ONE, BigDecimal.valueOf(100_000))
                .ofScale(4).map(BigDecimal::toPlainString);
    }

    private static Arbitrary<String> symbols() {
        return Arbitraries.of("NVDA", "MSFT", "BTC-USD", "EUR/USD", "BRK.B");
    }

    @Provide
    Arbitrary<List<String>> barLines() {
        Arbitrary<String> line = Combinators.combine(timestamps(), symbols(), prices(), prices(), prices(), prices(), prices())
                .as((ts, symbol, o, h, l, c, v) -> String.join(",", ts, symbol, o, h, l, c, v));
        return line.list().ofMinSize(2).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<String>> tickLines() {
        Arbitrary<String> line = Combinators.combine(timestamps(), symbols(), prices(), prices())
                .as((ts, symbol, p, s) -> String.join(",", ts, symbol, p, s));
        return line.list().ofMinSize(2).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<String>> frames() {
        Arbitrary<String> trade = Combinators.combine(symbols(), prices(), prices(), Arbitraries.longs().between(0, 1L << 45))
                .as((sym, p, s, t) -> "{\"ev\":\"T\",\"sym\":\"" + sym + "\",\"i\":\"" + t + "\",\"x\":4,\"p\":" + p
                        + ",\"s\":" + s + ",\"t\":" + t + ",\"q\":" + t + "}");
        Arbitrary<String> bar = Combinators.combine(symbols(), prices(), prices(), Arbitraries.longs().between(0, 1L << 30))
                .as((sym, o, v, minute) -> "{\"ev\":\"AM\",\"sym\":\"" + sym + "\",\"o\":" + o + ",\"h\":" + o + ",\"l\":" + o
                        + ",\"c\":" + o + ",\"v\":" + v + ",\"s\":" + minute * 60_000 + ",\"e\":" + (minute + 1) * 60_000 + "}");
        Arbitrary<String> event = Arbitraries.oneOf(trade, bar,
                Arbitraries.just("{\"ev\":\"status\",\"status\":\"success\",\"message\":\"subscribed to: T.*\"}"));
        return event.list().ofMinSize(1).ofMaxSize(4).map(events -> "[" + String.join(",", events) + "]")
                .list().ofMinSize(2).ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<TextMutation>> mutations() {
        return TextMutation.several();
    }
}
