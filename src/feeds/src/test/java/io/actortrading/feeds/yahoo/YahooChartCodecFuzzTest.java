package io.actortrading.feeds.yahoo;

import io.actortrading.feeds.ProviderReplies;

import io.actortrading.feeds.TextMutation;
import io.actortrading.market.symbols.SymbolMapping;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class YahooChartCodecFuzzTest {

    private static final List<String> FIXTURES = List.of("chart-1m.json", "chart-providers-md-example.json", "chart-empty-range.json",
            "chart-trading-periods-nested-array.json", "chart-trading-periods-by-session.json", "chart-index.json",
            "error-not-found.json", "error-bad-request.json", "error-unprocessable-entity.json", "too-many-requests.txt");
    private static final long LONG_AFTER = 1_800_000_000_000L;

    private final YahooChartCodec codec = new YahooChartCodec(SymbolMapping.standard());

    @Property(tries = 2000)
    void mutatedBodiesNeverThrowAndYieldOnlyConsistentBars(@ForAll("bodies") String body,
                                                           @ForAll("mutations") List<TextMutation> mutations,
                                                           @ForAll("statuses") int status) {
        assertDecodesSafely(status, TextMutation.applyAll(body, mutations));
    }

    @Property(tries = 1000)
    void randomBytesNeverThrow(@ForAll @Size(max = 400) byte[] bytes, @ForAll("statuses") int status) {
        assertDecodesSafely(status, new String(bytes, StandardCharsets.UTF_8));
        assertDecodesSafely(status, "{\"chart\":" + new String(bytes, StandardCharsets.ISO_8859_1) + "}");
    }

    @Property(tries = 1000)
    void randomTextNeverThrows(@ForAll String text) {
        assertDecodesSafely(200, text);
    }

    private void assertDecodesSafely(int status, String body) {
        ProviderReplies.assertWellFormed(codec.decode(status, body, LONG_AFTER), LONG_AFTER);
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.of(FIXTURES).map(YahooChartCodecTest::fixture);
    }

    @Provide
    Arbitrary<List<TextMutation>> mutations() {
        return TextMutation.several();
    }

    @Provide
    Arbitrary<Integer> statuses() {
        return Arbitraries.of(200, 200, 200, 400, 401, 404, 422, 429, 500, 503, 302, 0, -1);
    }
}
