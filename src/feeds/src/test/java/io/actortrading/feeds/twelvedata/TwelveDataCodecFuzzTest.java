package io.actortrading.feeds.twelvedata;

import static org.assertj.core.api.Assertions.assertThat;

import io.actortrading.feeds.FiniteEvents;
import io.actortrading.feeds.ProviderReplies;
import io.actortrading.feeds.ProviderReply;
import io.actortrading.feeds.TextMutation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class TwelveDataCodecFuzzTest {

    private static final long LATER = 1_900_000_000_000L;

    private static final List<String> VALID_BODIES = List.of(
            Fixtures.read("twelvedata/time-series-aapl.json"),
            Fixtures.read("twelvedata/time-series-eurusd.json"),
            Fixtures.read("twelvedata/error-429-out-of-credits.json"),
            Fixtures.read("twelvedata/error-401-apikey.json"),
            Fixtures.read("twelvedata/error-400-symbol-not-found.json"));

    private static final List<String> VALID_FRAMES = Fixtures.read("twelvedata/ws-frames.jsonl").lines().toList();

    private final TwelveDataCodec codec = new TwelveDataCodec();

    @Property(tries = 2000)
    void mutatedBodiesNeverThrowAndYieldOnlySaneBars(@ForAll("bodies") String body,
                                                     @ForAll("mutations") List<TextMutation> mutations,
                                                     @ForAll("statuses") int httpStatus) {
        assertSaneReply(codec.decodeTimeSeries(httpStatus, TextMutation.applyAll(body, mutations), LATER));
    }

    @Property(tries = 1000)
    void randomBytesNeverThrow(@ForAll @Size(max = 400) byte[] bytes, @ForAll("statuses") int httpStatus) {
        assertSaneReply(codec.decodeTimeSeries(httpStatus, new String(bytes, StandardCharsets.UTF_8), LATER));
        assertSaneReply(codec.decodeTimeSeries(httpStatus, new String(bytes, StandardCharsets.ISO_8859_1), LATER));
    }

    @Property(tries = 1000)
    void randomTextNeverThrows(@ForAll String text, @ForAll int httpStatus) {
        assertSaneReply(codec.decodeTimeSeries(httpStatus, text, LATER));
    }

    @Property(tries = 2000)
    void mutatedWebSocketFramesNeverThrowAndYieldOnlyFiniteTicks(@ForAll("frames") String frame,
                                                                 @ForAll("mutations") List<TextMutation> mutations) {
        RecordingListener listener = new RecordingListener();
        TwelveDataWsCodec wsCodec = new TwelveDataWsCodec();
        wsCodec.decode(TextMutation.applyAll(frame, mutations), listener);
        listener.ticks.forEach(FiniteEvents::assertWellFormed);
        assertThat(listener.ticks).allSatisfy(tick -> assertThat(tick.price()).isPositive());
        assertThat(wsCodec.prices()).isEqualTo(listener.ticks.size());
        assertThat(wsCodec.malformed()).isEqualTo(listener.malformed.size());
    }

    @Property(tries = 1000)
    void randomWebSocketBytesNeverThrow(@ForAll @Size(max = 400) byte[] bytes) {
        RecordingListener listener = new RecordingListener();
        new TwelveDataWsCodec().decode(new String(bytes, StandardCharsets.UTF_8), listener);
        listener.ticks.forEach(FiniteEvents::assertWellFormed);
    }

    private static void assertSaneReply(ProviderReply reply) {
        ProviderReplies.assertWellFormed(reply, LATER);
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.of(VALID_BODIES);
    }

    @Provide
    Arbitrary<String> frames() {
        return Arbitraries.of(VALID_FRAMES);
    }

    @Provide
    Arbitrary<Integer> statuses() {
        return Arbitraries.of(200, 200, 200, 400, 401, 403, 404, 429, 500, 503, 302, 0);
    }

    @Provide
    Arbitrary<List<TextMutation>> mutations() {
        return TextMutation.several();
    }
}
