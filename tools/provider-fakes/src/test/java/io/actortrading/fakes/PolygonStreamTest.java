package io.actortrading.fakes;

import io.actortrading.feeds.polygon.PolygonWsCodec;
import io.actortrading.market.Bar;
import io.actortrading.market.MarketEvent;
import io.actortrading.market.Quote;
import io.actortrading.market.Tick;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PolygonStreamTest extends StreamingTest {

    private static final String KEY = FakeSettings.DEFAULT_POLYGON_KEY;


    PolygonStreamTest() {
        super(FakeEndpoint.POLYGON_WS, new FakeTape(17, 20));
    }

    /** Frames decoded by the node's codec. */
    static final class Decoded implements PolygonWsCodec.Listener {

        final List<MarketEvent> events = new ArrayList<>();
        final List<String> statuses = new ArrayList<>();
        int malformed;

        static Decoded of(List<String> frames) {
            Decoded decoded = new Decoded();
            PolygonWsCodec codec = new PolygonWsCodec("polygon");
            frames.forEach(frame -> codec.decode(frame, decoded));
            return decoded;
        }

        @Override
        public void onEvent(MarketEvent event) {
            events.add(event);
        }

        @Override
        public void onStatus(String status, String message) {
            statuses.add(status + ": " + message);
        }

        @Override
        public void onMalformed(String reason) {
            malformed++;
        }

        <T> List<T> of(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    static void authenticate(ProviderClient.Socket socket, String key) {
        await().atMost(StreamingTest.WAIT).until(() -> socket.frames.size() >= 1);
        socket.send("{\"action\":\"auth\",\"params\":\"" + key + "\"}");
        await().atMost(StreamingTest.WAIT).until(() -> socket.frames.size() >= 2);
    }

    @Test
    void afterAuthAndSubscribeTradesQuotesAndMinutesEqualTheTape() {
        ProviderClient.Socket socket = connect("/stocks");
        await().atMost(WAIT).until(() -> socket.frames.size() >= 1);
        assertThat(socket.frames.get(0)).isEqualTo("[{\"ev\":\"status\",\"status\":\"connected\",\"message\":\"Connected Successfully\"}]");
        socket.send("{\"action\":\"subscribe\",\"params\":\"T.MSFT\"}");
        await().atMost(WAIT).until(() -> socket.frames.size() >= 2);
        assertThat(socket.frames.get(1)).contains("auth_required");
        authenticate(socket, KEY);
        assertThat(socket.frames.get(2)).contains("\"status\":\"auth_success\"");
        socket.send("{\"action\":\"subscribe\",\"params\":\"T.MSFT,Q.MSFT,AM.MSFT\"}");
        await().atMost(WAIT).until(() -> Decoded.of(socket.frames).of(Bar.class).size() >= 2);

        Decoded decoded = Decoded.of(socket.frames);
        assertThat(decoded.statuses).contains("success: subscribed to: T.MSFT", "success: subscribed to: Q.MSFT",
                "success: subscribed to: AM.MSFT");
        assertThat(decoded.malformed).isZero();
        List<Tick> ticks = decoded.of(Tick.class);
        List<FakeTrade> expected = tradesBetween(tape, "MSFT", ticks.get(0).timestamp(), ticks.get(ticks.size() - 1).timestamp());
        assertThat(ticks).hasSameSizeAs(expected);
        for (int i = 0; i < ticks.size(); i++) {
            Tick tick = ticks.get(i);
            FakeTrade trade = expected.get(i);
            assertThat(List.of(tick.symbol(), tick.timestamp(), tick.price(), tick.size(), tick.tradeId(), tick.sequence()))
                    .containsExactly(trade.symbol(), trade.time(), trade.price(), trade.size(), trade.id(), trade.sequence());
        }
        assertThat(decoded.of(Quote.class)).hasSameSizeAs(ticks);
        for (Bar bar : decoded.of(Bar.class)) {
            ProviderClient.assertBarIs(bar, tape.minute("MSFT", bar.start()), false);
            assertThat(bar.vwap()).isEqualTo(tape.minute("MSFT", bar.start()).vwap());
        }
    }

    @Test
    void unsubscribedChannelsSendNothingMore() {
        ProviderClient.Socket socket = connect("/stocks");
        authenticate(socket, KEY);
        socket.send("{\"action\":\"subscribe\",\"params\":\"T.AAPL,AM.AAPL\"}");
        await().atMost(WAIT).until(() -> !Decoded.of(socket.frames).of(Tick.class).isEmpty());
        socket.send("{\"action\":\"unsubscribe\",\"params\":\"T.AAPL\"}");
        await().atMost(WAIT).until(() -> socket.frames.stream().anyMatch(f -> f.contains("unsubscribed to: T.AAPL")));
        int unsubscribedAt = indexOf(socket.frames, "unsubscribed to: T.AAPL");
        await().atMost(WAIT).until(() -> Decoded.of(socket.frames.subList(unsubscribedAt, socket.frames.size()))
                .of(Bar.class).size() >= 1);
        Decoded after = Decoded.of(socket.frames.subList(unsubscribedAt + 1, socket.frames.size()));
        assertThat(after.of(Tick.class)).isEmpty();
        assertThat(after.of(Bar.class)).allSatisfy(bar -> assertThat(bar.symbol()).isEqualTo("AAPL"));
    }

    @Test
    void aWildcardOnTheCryptoSocketStreamsEveryCryptoPairOfTheSettings() {
        ProviderClient.Socket socket = connect("/crypto");
        authenticate(socket, KEY);
        socket.send("{\"action\":\"subscribe\",\"params\":\"XT.*,XA.BTC-USD\"}");
        await().atMost(WAIT).until(() -> Decoded.of(socket.frames).of(Bar.class).size() >= 1);
        Decoded decoded = Decoded.of(socket.frames);
        assertThat(decoded.of(Tick.class)).extracting(Tick::symbol).containsOnly("BTC-USD", "ETH-USD");
        assertThat(decoded.of(Tick.class)).anySatisfy(t -> assertThat(t.size()).isNotEqualTo(Math.rint(t.size())));
        for (Tick tick : decoded.of(Tick.class)) {
            assertThat(tape.trades(tick.symbol(), tick.timestamp()))
                    .anySatisfy(t -> assertThat(List.of(t.time(), t.price(), t.size(), t.id()))
                            .containsExactly(tick.timestamp(), tick.price(), tick.size(), tick.tradeId()));
        }
        ProviderClient.assertBarIs(decoded.of(Bar.class).get(0), tape.minute("BTC-USD", decoded.of(Bar.class).get(0).start()), false);
    }

    @Test
    void aWrongKeyIsAnsweredWithAuthFailedAndTheConnectionCloses() {
        ProviderClient.Socket socket = connect("/stocks");
        authenticate(socket, "wrong");
        assertThat(socket.frames.get(1)).isEqualTo("[{\"ev\":\"status\",\"status\":\"auth_failed\",\"message\":\"authentication failed\"}]");
        await().atMost(WAIT).until(socket::isClosed);
    }

    static int indexOf(List<String> frames, String text) {
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    /** The tape's trades of a symbol with times in {@code [first, last]}. */
    static List<FakeTrade> tradesBetween(FakeTape tape, String symbol, long first, long last) {
        List<FakeTrade> trades = new ArrayList<>();
        for (long minute = FakeTape.minuteStart(first); minute <= last; minute += FakeTape.MINUTE_MILLIS) {
            tape.trades(symbol, minute).stream().filter(t -> t.time() >= first && t.time() <= last).forEach(trades::add);
        }
        return trades;
    }
}
