package io.actortrading.feeds.alphavantage;

import static org.assertj.core.api.Assertions.assertThat;

import io.actortrading.feeds.ProviderReplies;
import io.actortrading.feeds.ProviderReply;
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

class AlphaVantageCodecFuzzTest {

    private static final List<String> VALID_BODIES = List.of(
            "alphavantage/intraday-msft.json", "alphavantage/intraday-dst.json", "alphavantage/global-quote-msft.json",
            "alphavantage/global-quote-unknown-symbol.json", "alphavantage/error-invalid-call.json",
            "alphavantage/information-rate-limit.json", "alphavantage/note-call-frequency.json",
            "alphavantage/information-premium-endpoint.json")
            .stream().map(AlphaVantageCodecTest::fixture).toList();

    private static final long NOW = 1_900_000_000_000L;

    private final AlphaVantageCodec codec = new AlphaVantageCodec(SymbolMapping.standard());

    @Property(tries = 2000)
    void mutatedBodiesNeverThrowAndYieldOnlyConsistentBars(@ForAll("bodies") String body,
                                                          @ForAll("mutations") List<TextMutation> mutations) {
        assertDecodesSafely(TextMutation.applyAll(body, mutations));
    }

    @Property(tries = 1000)
    void randomBytesNeverThrow(@ForAll @Size(max = 400) byte[] bytes, @ForAll int httpStatus) {
        assertDecodesSafely(new String(bytes, StandardCharsets.UTF_8));
        assertDecodesSafely("{" + new String(bytes, StandardCharsets.ISO_8859_1) + "}");
        assertThat(codec.decodeIntraday(httpStatus, new String(bytes, StandardCharsets.ISO_8859_1), NOW)).isNotNull();
    }

    private void assertDecodesSafely(String body) {
        assertWellFormed(codec.decodeIntraday(200, body, NOW));
        assertWellFormed(codec.decodeGlobalQuote(200, body, NOW));
    }

    private static void assertWellFormed(ProviderReply reply) {
        ProviderReplies.assertWellFormed(reply, NOW);
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.of(VALID_BODIES);
    }

    @Provide
    Arbitrary<List<TextMutation>> mutations() {
        return TextMutation.several();
    }
}
