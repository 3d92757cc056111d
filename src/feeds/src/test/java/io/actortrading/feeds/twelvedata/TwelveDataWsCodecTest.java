package io.actortrading.feeds.twelvedata;

import static org.assertj.core.api.Assertions.assertThat;

import io.actortrading.market.Tick;
import org.junit.jupiter.api.Test;

class TwelveDataWsCodecTest {

    private final TwelveDataWsCodec codec = new TwelveDataWsCodec();
    private final RecordingListener listener = new RecordingListener();

    private void decode(String frame) {
        codec.decode(frame, listener);
    }

    @Test
    void theDocumentedFramesDecodeWithoutComplaint() {
        Fixtures.read("twelvedata/ws-frames.jsonl").lines().forEach(this::decode);

        assertThat(listener.subscribeStatuses).containsExactly("ok success=[AAPL] fails=[]");
        assertThat(listener.ticks).containsExactly(Tick.of("AAPL", 1_684_508_044_000L, 175.6997, 0.0, "twelvedata"));
        assertThat(listener.heartbeats).isEqualTo(1);
        assertThat(listener.errors).containsExactly("401: **apikey** parameter is incorrect or not specified.");
        assertThat(listener.malformed).isEmpty();
        assertThat(codec.prices()).isEqualTo(1);
        assertThat(codec.malformed()).isZero();
    }

    @Test
    void dayVolumeIsNotTakenForATradeSize() {
        decode("{\"event\":\"price\",\"symbol\":\"AAPL\",\"timestamp\":1684508044,\"price\":175.6997,"
                + "\"day_volume\":15991537,\"bid\":175.69,\"ask\":175.7}");

        assertThat(listener.ticks).singleElement().extracting(Tick::size).isEqualTo(0.0);
    }

    @Test
    void forexAndCryptoPricesCarryCanonicalSymbols() {
        decode("{\"event\":\"price\",\"symbol\":\"EUR/USD\",\"currency_base\":\"Euro\",\"timestamp\":1684508045,\"price\":1.0811}");
        decode("{\"event\":\"price\",\"symbol\":\"BTC/USD\",\"exchange\":\"Coinbase Pro\",\"timestamp\":1684508046,\"price\":26900.5}");

        assertThat(listener.ticks).containsExactly(
                Tick.of("EUR/USD", 1_684_508_045_000L, 1.0811, 0.0, "twelvedata"),
                Tick.of("BTC-USD", 1_684_508_046_000L, 26900.5, 0.0, "twelvedata"));
    }

    @Test
    void reportsRefusedSymbolsOfASubscription() {
        decode("{\"event\":\"subscribe-status\",\"status\":\"error\",\"success\":[{\"symbol\":\"AAPL\"}],"
                + "\"fails\":[{\"symbol\":\"EUR/USD\"},\"BTC/USD\"]}");

        assertThat(listener.subscribeStatuses).containsExactly("error success=[AAPL] fails=[EUR/USD, BTC-USD]");
        assertThat(listener.malformed).isEmpty();
    }

    @Test
    void leavesUnmappableSubscriptionEntriesOutAndReportsThem() {
        decode("{\"event\":\"subscribe-status\",\"status\":\"ok\",\"success\":[{\"symbol\":\"^GSPC\"},{\"symbol\":\"AAPL\"},7],\"fails\":null}");

        assertThat(listener.subscribeStatuses).containsExactly("ok success=[AAPL] fails=[]");
        assertThat(listener.malformed).hasSize(2);
    }

    @Test
    void anErrorWithoutACodeIsItsMessage() {
        decode("{\"status\":\"error\",\"message\":\"too many connections\"}");

        assertThat(listener.errors).containsExactly("too many connections");
    }

    @Test
    void aHeartbeatTheServerAnswersWithAnErrorIsAnError() {
        decode("{\"event\":\"heartbeat\",\"status\":\"error\",\"code\":400,\"message\":\"bad heartbeat\"}");

        assertThat(listener.errors).containsExactly("400: bad heartbeat");
        assertThat(listener.heartbeats).isZero();
    }

    @Test
    void reportsMalformedFrames() {
        decode("not json");
        decode("[{\"event\":\"heartbeat\",\"status\":\"ok\"}]");
        decode("{\"status\":\"ok\"}");
        decode("{\"event\":\"quote\",\"symbol\":\"AAPL\"}");
        decode("{\"event\":\"heartbeat\",\"status\":\"degraded\"}");
        decode("{\"event\":\"subscribe-status\",\"success\":[]}");
        decode("{\"event\":\"subscribe-status\",\"status\":\"ok\",\"success\":\"AAPL\"}");
        decode("{\"event\":\"price\",\"timestamp\":1684508044,\"price\":175.6997}");
        decode("{\"event\":\"price\",\"symbol\":\"^GSPC\",\"timestamp\":1684508044,\"price\":175.6997}");
        decode("{\"event\":\"price\",\"symbol\":\"AAPL\",\"price\":175.6997}");
        decode("{\"event\":\"price\",\"symbol\":\"AAPL\",\"timestamp\":1e300,\"price\":175.6997}");
        decode("{\"event\":\"price\",\"symbol\":\"AAPL\",\"timestamp\":1684508044,\"price\":\"NaN\"}");
        decode("{\"event\":\"price\",\"symbol\":\"AAPL\",\"timestamp\":1684508044,\"price\":-1}");
        decode(null);

        assertThat(listener.malformed).hasSize(14);
        assertThat(codec.malformed()).isEqualTo(14);
        assertThat(listener.ticks).isEmpty();
        assertThat(listener.heartbeats).isZero();
        assertThat(listener.subscribeStatuses).isEmpty();
    }

    @Test
    void acceptsPricesWrittenAsStrings() {
        decode("{\"event\":\"price\",\"symbol\":\"AAPL\",\"timestamp\":\"1684508044\",\"price\":\"175.6997\"}");

        assertThat(listener.ticks).containsExactly(Tick.of("AAPL", 1_684_508_044_000L, 175.6997, 0.0, "twelvedata"));
    }
}
