package io.actortrading.feeds.polygon;

import static org.assertj.core.api.Assertions.assertThat;

import io.actortrading.market.Bar;
import io.actortrading.market.Quote;
import io.actortrading.market.Tick;
import io.actortrading.market.Timeframe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolygonWsCodecTest {

    private final PolygonWsCodec codec = new PolygonWsCodec("polygon");
    private final RecordingListener listener = new RecordingListener();

    private RecordingListener decode(String frame) {
        codec.decode(frame, listener);
        return listener;
    }

    @Test
    void reportsStatusEvents() {
        decode("[{\"ev\":\"status\",\"status\":\"connected\",\"message\":\"Connected Successfully\"}]");
        decode("[{\"ev\":\"status\",\"status\":\"auth_failed\",\"message\":\"authentication failed\"}]");
        decode("[{\"ev\":\"status\",\"status\":\"max_connections\"}]");

        assertThat(listener.statuses).containsExactly("connected: Connected Successfully",
                "auth_failed: authentication failed", "max_connections: ");
        assertThat(codec.statusEvents()).isEqualTo(3);
        assertThat(listener.events).isEmpty();
        assertThat(listener.malformed).isEmpty();
    }

    @Test
    void decodesAStockTradeWithItsIdentity() {
        decode("[{\"ev\":\"T\",\"sym\":\"MSFT\",\"x\":4,\"i\":\"12345\",\"z\":3,\"p\":114.125,\"s\":100,"
                + "\"c\":[0,12],\"t\":1536036818784,\"q\":3681328}]");

        assertThat(listener.events).containsExactly(
                new Tick("MSFT", 1536036818784L, 114.125, 100, "polygon", "12345", 3681328L, 4));
    }

    @Test
    void decodesACryptoTradeWhoseIdIsANumber() {
        decode("[{\"ev\":\"XT\",\"pair\":\"BTC-USD\",\"p\":33021.9,\"t\":1610462007425,\"s\":0.01616617,\"c\":[2],"
                + "\"i\":14272084,\"x\":3,\"r\":1610462007576}]");

        assertThat(listener.events).containsExactly(
                new Tick("BTC-USD", 1610462007425L, 33021.9, 0.01616617, "polygon", "14272084", Tick.NO_SEQUENCE, 3));
    }

    @Test
    void convertsStockQuoteRoundLotsToShares() {
        decode("[{\"ev\":\"Q\",\"sym\":\"MSFT\",\"bx\":4,\"bp\":114.125,\"bs\":100,\"ax\":7,\"ap\":114.128,\"as\":160,"
                + "\"c\":0,\"i\":[604],\"t\":1536036818784,\"q\":50385480,\"z\":3}]");

        assertThat(listener.events).containsExactly(
                new Quote("MSFT", 1536036818784L, 114.125, 10_000, 114.128, 16_000, "polygon"));
    }

    @Test
    void keepsCryptoQuoteSizesAsTheyAre() {
        decode("[{\"ev\":\"XQ\",\"pair\":\"BTC-USD\",\"bp\":33052.79,\"bs\":0.48,\"ap\":33073.19,\"as\":0.601,"
                + "\"t\":1610462411115,\"x\":1,\"r\":1610462411128}]");

        assertThat(listener.events).containsExactly(
                new Quote("BTC-USD", 1610462411115L, 33052.79, 0.48, 33073.19, 0.601, "polygon"));
    }

    @Test
    void turnsMinuteAggregatesIntoOneMinuteBars() {
        decode("[{\"ev\":\"AM\",\"sym\":\"GTE\",\"v\":4110,\"av\":9470157,\"op\":0.4372,\"vw\":0.4488,\"o\":0.4488,"
                + "\"c\":0.4486,\"h\":0.4489,\"l\":0.4486,\"a\":0.4352,\"z\":685,\"s\":1610144640000,\"e\":1610144700000},"
                + "{\"ev\":\"XA\",\"pair\":\"BCD-USD\",\"v\":951.6112,\"vw\":0.7756,\"z\":73,\"o\":0.772,\"c\":0.784,"
                + "\"h\":0.784,\"l\":0.771,\"s\":1610463240000,\"e\":1610463300000}]");

        assertThat(listener.events).containsExactly(
                new Bar("GTE", Timeframe.M1, 1610144640000L, 1610144700000L, 0.4488, 0.4489, 0.4486, 0.4486,
                        4110, 0.4488, 0, "polygon"),
                new Bar("BCD-USD", Timeframe.M1, 1610463240000L, 1610463300000L, 0.772, 0.784, 0.771, 0.784,
                        951.6112, 0.7756, 0, "polygon"));
    }

    @Test
    void estimatesTheVwapOfAnAggregateWithoutOneFromTheTypicalPrice() {
        decode("[{\"ev\":\"AM\",\"sym\":\"X\",\"v\":10,\"o\":1,\"h\":4,\"l\":1,\"c\":1,\"s\":0,\"e\":60000}]");

        assertThat(((Bar) listener.events.get(0)).vwap()).isEqualTo(2.0);
    }

    @Test
    void countsAndDropsPerSecondAggregates() {
        decode("[{\"ev\":\"A\",\"sym\":\"MSFT\",\"v\":300,\"vw\":408.12,\"o\":408.11,\"c\":408.13,\"h\":408.14,"
                + "\"l\":408.1,\"s\":1772461800000,\"e\":1772461801000},"
                + "{\"ev\":\"XAS\",\"pair\":\"BTC-USD\",\"v\":0.5,\"o\":1,\"c\":1,\"h\":1,\"l\":1,\"s\":0,\"e\":1000}]");

        assertThat(listener.events).isEmpty();
        assertThat(listener.malformed).isEmpty();
        assertThat(codec.perSecondAggregates()).isEqualTo(2);
    }

    @Test
    void decodesArraysThatMixStatusAndDataOfSeveralTickers() {
        decode("[{\"ev\":\"status\",\"status\":\"success\",\"message\":\"subscribed to: T.*\"},"
                + "{\"ev\":\"T\",\"sym\":\"AAPL\",\"i\":\"1\",\"p\":230.5,\"s\":10,\"t\":1000,\"q\":7},"
                + "{\"ev\":\"T\",\"sym\":\"MSFT\",\"i\":\"1\",\"p\":410.25,\"s\":20,\"t\":1001,\"q\":9}]");

        assertThat(listener.statuses).containsExactly("success: subscribed to: T.*");
        assertThat(listener.events).extracting(e -> e.symbol()).containsExactly("AAPL", "MSFT");
        assertThat(codec.events()).isEqualTo(2);
    }

    @Test
    void readsFieldsInAnyOrderAndIgnoresUnknownOnes() {
        decode("[{\"t\":1000,\"future\":{\"nested\":[1,{\"a\":2}]},\"p\":1.5,\"s\":2,\"sym\":\"NVDA\",\"ev\":\"T\"}]");

        assertThat(listener.events).containsExactly(Tick.of("NVDA", 1000, 1.5, 2, "polygon"));
    }

    @Test
    void reportsAMalformedEventAndDecodesTheRestOfTheFrame() {
        decode("[{\"ev\":\"T\",\"sym\":\"MSFT\",\"s\":100,\"t\":1000},"
                + "{\"ev\":\"LULD\",\"T\":\"MSFT\"},"
                + "{\"sym\":\"MSFT\"},"
                + "7,"
                + "{\"ev\":\"T\",\"sym\":\"MSFT\",\"p\":1e999,\"s\":100,\"t\":1000},"
                + "{\"ev\":\"T\",\"sym\":\"MSFT\",\"p\":\"1.5\",\"s\":100,\"t\":1000},"
                + "{\"ev\":\"Q\",\"sym\":\"MSFT\",\"bp\":1,\"ap\":2,\"t\":1.5},"
                + "{\"ev\":\"T\",\"sym\":\"MSFT\",\"p\":1,\"s\":1,\"t\":1000,\"q\":-4},"
                + "{\"ev\":\"T\",\"sym\":\"MS FT\",\"p\":1,\"s\":1,\"t\":1000},"
                + "{\"ev\":\"AM\",\"sym\":\"MSFT\",\"v\":1,\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"s\":0,\"e\":1000},"
                + "{\"ev\":\"status\",\"message\":\"no status\"},"
                + "{\"ev\":\"T\",\"sym\":\"MSFT\",\"i\":\"9\",\"p\":2.5,\"s\":3,\"t\":2000}]");

        assertThat(listener.malformed).containsExactly(
                "T event for MSFT: missing p",
                "unknown ev \"LULD\"",
                "event without ev",
                "array element is not an event object",
                "T event for MSFT: p is not a finite number",
                "T event for MSFT: p is not a finite number",
                "Q event for MSFT: t is not an integer",
                "T event for MSFT: q is not a non-negative integer",
                "T event: sym is not a symbol",
                "AM event for MSFT: window s..e is not one minute",
                "status event without a status string");
        assertThat(listener.events).containsExactly(
                new Tick("MSFT", 2000, 2.5, 3, "polygon", "9", Tick.NO_SEQUENCE, 0));
        assertThat(codec.malformed()).isEqualTo(11);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{\"ev\":\"status\",\"status\":\"connected\"}", "\"T\"", "null", "42"})
    void reportsAFrameThatIsNotAnArray(String frame) {
        decode(frame);

        assertThat(listener.malformed).containsExactly("frame is not a JSON array");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"ev\":\"T\",", "[{\"ev\":\"T\",\"p\":NaN}]", "[{\"ev\":\"T\",\"p\":Infinity}]",
        "[{'ev':'T'}]", "[{\"ev\":\"T\"", "not json", "[,1]"})
    void reportsInvalidJsonWithoutThrowing(String frame) {
        decode(frame);

        assertThat(listener.malformed).singleElement().asString().startsWith("invalid JSON: ");
        assertThat(listener.events).isEmpty();
    }

    @Test
    void deliversTheEventsBeforeASyntaxErrorAndReportsTheRest() {
        decode("[{\"ev\":\"T\",\"sym\":\"A\",\"p\":1,\"s\":1,\"t\":1},{\"ev\":\"T\",\"sym\":");

        assertThat(listener.events).hasSize(1);
        assertThat(listener.malformed).singleElement().asString().startsWith("invalid JSON: ");
    }

    @Test
    void reportsContentAfterTheArray() {
        decode("[{\"ev\":\"status\",\"status\":\"connected\"}] [{\"ev\":\"status\",\"status\":\"connected\"}]");

        assertThat(listener.statuses).hasSize(1);
        assertThat(listener.malformed).containsExactly("content after the frame's array");
    }

    @Test
    void decodesAFrameInsideACharacterBuffer() {
        char[] line = "xx[{\"ev\":\"T\",\"sym\":\"NVDA\",\"p\":1.5,\"s\":2,\"t\":1000}]yy".toCharArray();

        codec.decode(line, 2, line.length - 4, listener);

        assertThat(listener.events).containsExactly(Tick.of("NVDA", 1000, 1.5, 2, "polygon"));
        assertThat(listener.malformed).isEmpty();
    }

    @Test
    void sharesOneSymbolInstanceAcrossEvents() {
        decode("[{\"ev\":\"T\",\"sym\":\"NVDA\",\"p\":1,\"s\":1,\"t\":1},{\"ev\":\"T\",\"sym\":\"NVDA\",\"p\":1,\"s\":1,\"t\":2}]");

        assertThat(listener.events.get(0).symbol()).isSameAs(listener.events.get(1).symbol());
    }
}
