package io.actortrading.fakes;

import io.actortrading.feeds.twelvedata.TwelveDataWsCodec;
import io.actortrading.market.Tick;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TwelveDataStreamTest extends StreamingTest {

    private static final long MILLIS_PER_SECOND = 1_000;

    TwelveDataStreamTest() {
        super(FakeEndpoint.TWELVEDATA_WS, new FakeTape(19, 20));
    }

    private ProviderClient.Socket connectWith(String key) {
        return connect("/v1/quotes/price?apikey=" + key);
    }

    /** Frames decoded by the node's codec. */
    static final class Decoded implements TwelveDataWsCodec.Listener {

        final List<Tick> prices = new ArrayList<>();
        final List<List<String>> subscribed = new ArrayList<>();
        final List<List<String>> failed = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        int heartbeats;
        int malformed;

        static Decoded of(List<String> frames) {
            Decoded decoded = new Decoded();
            TwelveDataWsCodec codec = new TwelveDataWsCodec();
            frames.forEach(frame -> codec.decode(frame, decoded));
            return decoded;
        }

        @Override
        public void onPrice(Tick tick) {
            prices.add(tick);
        }

        @Override
        public void onSubscribeStatus(String status, List<String> successSymbols, List<String> failedSymbols) {
            subscribed.add(successSymbols);
            failed.add(failedSymbols);
        }

        @Override
        public void onHeartbeat() {
            heartbeats++;
        }

        @Override
        public void onError(String message) {
            errors.add(message);
        }

        @Override
        public void onMalformed(String reason) {
            malformed++;
        }
    }

    @Test
    void subscribedSymbolsGetAPriceEventForEveryTapeTrade() {
        ProviderClient.Socket socket = connectWith(FakeSettings.DEFAULT_TWELVEDATA_KEY);
        socket.send("{\"action\":\"subscribe\",\"params\":{\"symbols\":\"AAPL,BTC/USD,ABC/XYZ\"}}");
        await().atMost(WAIT).until(() -> Decoded.of(socket.frames).prices.stream()
                .filter(t -> t.symbol().equals("AAPL")).count() >= 40);
        socket.send("{\"action\":\"heartbeat\"}");
        await().atMost(WAIT).until(() -> socket.frames.contains("{\"event\":\"heartbeat\",\"status\":\"ok\"}"));

        Decoded decoded = Decoded.of(socket.frames);
        assertThat(decoded.subscribed.get(0)).containsExactly("AAPL", "BTC-USD");
        assertThat(socket.frames.get(0)).contains("\"fails\":[{\"symbol\":\"ABC/XYZ\"}]");
        assertThat(decoded.heartbeats).isEqualTo(1);
        assertThat(decoded.malformed).as("ABC/XYZ in fails maps to no symbol, which the codec reports").isEqualTo(1);
        for (String symbol : List.of("AAPL", "BTC-USD")) {
            List<Tick> ticks = decoded.prices.stream().filter(t -> t.symbol().equals(symbol)).toList();
            for (Tick tick : ticks) {
                assertThat(tape.trades(symbol, tick.timestamp())).anySatisfy(trade -> {
                    assertThat(trade.time() / MILLIS_PER_SECOND * MILLIS_PER_SECOND).isEqualTo(tick.timestamp());
                    assertThat(trade.price()).isEqualTo(tick.price());
                });
            }
            long first = ticks.get(0).timestamp() + MILLIS_PER_SECOND;
            long last = ticks.get(ticks.size() - 1).timestamp();
            long between = ticks.stream().filter(t -> t.timestamp() >= first && t.timestamp() < last).count();
            long expected = PolygonStreamTest.tradesBetween(tape, symbol, first, last - 1).size();
            assertThat(between).as("every trade of %s between the first and last event", symbol).isEqualTo(expected);
        }
    }

    @Test
    void unsubscribeIsConfirmedAndStopsThePrices() {
        ProviderClient.Socket socket = connectWith(FakeSettings.DEFAULT_TWELVEDATA_KEY);
        socket.send("{\"action\":\"subscribe\",\"params\":{\"symbols\":[{\"symbol\":\"MSFT\"}]}}");
        await().atMost(WAIT).until(() -> !Decoded.of(socket.frames).prices.isEmpty());
        socket.send("{\"action\":\"unsubscribe\",\"params\":{\"symbols\":\"MSFT\"}}");
        await().atMost(WAIT).until(() -> PolygonStreamTest.indexOf(socket.frames, "unsubscribe-status") >= 0);
        int confirmed = PolygonStreamTest.indexOf(socket.frames, "unsubscribe-status");
        assertThat(socket.frames.get(confirmed)).contains("\"success\":[{\"symbol\":\"MSFT\"}]");
        socket.send("{\"action\":\"heartbeat\"}");
        await().atMost(WAIT).until(() -> socket.frames.size() > confirmed + 1);
        assertThat(socket.frames.subList(confirmed + 1, socket.frames.size()))
                .containsExactly("{\"event\":\"heartbeat\",\"status\":\"ok\"}");
    }

    @Test
    void aWrongKeyGetsAnErrorWithoutEventAndTheConnectionCloses() {
        ProviderClient.Socket socket = connectWith("wrong");
        await().atMost(WAIT).until(socket::isClosed);
        Decoded decoded = Decoded.of(socket.frames);
        assertThat(decoded.errors).containsExactly("401: **apikey** parameter is incorrect or not specified.");
        assertThat(socket.frames.get(0)).doesNotContain("event");
    }

    @Test
    void notEntitledFailsEverySymbolAndThrottleRefusesTheConnection() {
        faults().notEntitled(true);
        ProviderClient.Socket socket = connectWith(FakeSettings.DEFAULT_TWELVEDATA_KEY);
        socket.send("{\"action\":\"subscribe\",\"params\":{\"symbols\":\"AAPL\"}}");
        await().atMost(WAIT).until(() -> !socket.frames.isEmpty());
        assertThat(Decoded.of(socket.frames).failed.get(0)).containsExactly("AAPL");
        faults().notEntitled(false).throttle(true);
        ProviderClient.Socket throttled = connectWith(FakeSettings.DEFAULT_TWELVEDATA_KEY);
        await().atMost(WAIT).until(throttled::isClosed);
        assertThat(Decoded.of(throttled.frames).errors).singleElement().asString().startsWith("429: ");
    }
}
