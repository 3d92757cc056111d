package io.actortrading.feeds.polygon;

import io.actortrading.feeds.ProviderReplies;

import io.actortrading.feeds.TextMutation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class PolygonRestCodecFuzzTest {

    private static final List<String> BODIES = List.of(
            "aggs-minute-ok.json", "aggs-minute-delayed.json", "aggs-minute-crypto.json", "aggs-results-absent.json",
            "aggs-results-null.json", "error-unknown-api-key.json", "error-not-authorized.json", "error-rate-limit.json")
            .stream().map(PolygonRestCodecTest::fixture).toList();

    private static final List<Integer> STATUSES = List.of(200, 200, 200, 204, 301, 400, 401, 403, 404, 429, 500, 503, -1);

    private final PolygonRestCodec codec = new PolygonRestCodec();

    @Property(tries = 2000)
    void mutatedBodiesNeverThrowAndYieldOnlyConsistentBars(@ForAll("bodies") String body,
                                                           @ForAll("mutations") List<TextMutation> mutations,
                                                           @ForAll("statuses") int status) {
        assertDecodesSafely(status, TextMutation.applyAll(body, mutations));
    }

    @Property(tries = 1000)
    void randomBytesNeverThrow(@ForAll @Size(max = 400) byte[] bytes, @ForAll("statuses") int status) {
        assertDecodesSafely(status, new String(bytes, StandardCharsets.UTF_8));
        assertDecodesSafely(status, "{\"status\":\"OK\",\"results\":[" + new String(bytes, StandardCharsets.ISO_8859_1) + "]}");
    }

    @Property(tries = 1000)
    void randomTextNeverThrows(@ForAll String text, @ForAll("statuses") int status) {
        assertDecodesSafely(status, text);
    }

    private void assertDecodesSafely(int status, String body) {
        ProviderReplies.assertWellFormed(codec.decode(status, body, "AAPL", Long.MAX_VALUE), Long.MAX_VALUE);
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.of(BODIES);
    }

    @Provide
    Arbitrary<Integer> statuses() {
        return Arbitraries.oneOf(Arbitraries.of(STATUSES), Arbitraries.integers());
    }

    @Provide
    Arbitrary<List<TextMutation>> mutations() {
        return TextMutation.several();
    }
}
