package io.actortrading.feeds.polygon;

import static org.assertj.core.api.Assertions.assertThat;

import io.actortrading.feeds.FiniteEvents;
import io.actortrading.feeds.TextMutation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class PolygonWsCodecFuzzTest {

    private static final List<String> VALID_EVENTS = List.of(
            "{\"ev\":\"status\",\"status\":\"connected\",\"message\":\"Connected Successfully\"}",
            "{\"ev\":\"T\",\"sym\":\"MSFT\",\"x\":4,\"i\":\"12345\",\"z\":3,\"p\":114.125,\"s\":100,\"c\":[0,12],\"t\":1536036818784,\"q\":3681328}",
            "{\"ev\":\"Q\",\"sym\":\"MSFT\",\"bx\":4,\"bp\":114.125,\"bs\":100,\"ax\":7,\"ap\":114.128,\"as\":160,\"c\":0,\"i\":[604],\"t\":1536036818784,\"q\":50385480,\"z\":3}",
            "{\"ev\":\"AM\",\"sym\":\"GTE\",\"v\":4110,\"av\":9470157,\"op\":0.4372,\"vw\":0.4488,\"o\":0.4488,\"c\":0.4486,\"h\":0.4489,\"l\":0.4486,\"a\":0.4352,\"z\":685,\"s\":1610144640000,\"e\":1610144700000}",
            "{\"ev\":\"A\",\"sym\":\"GTE\",\"v\":41,\"vw\":0.4488,\"o\":0.4488,\"c\":0.4486,\"h\":0.4489,\"l\":0.4486,\"s\":1610144640000,\"e\":1610144641000}",
            "{\"ev\":\"XT\",\"pair\":\"BTC-USD\",\"p\":33021.9,\"t\":1610462007425,\"s\":0.01616617,\"c\":[2],\"i\":14272084,\"x\":3,\"r\":1610462007576}",
            "{\"ev\":\"XQ\",\"pair\":\"BTC-USD\",\"bp\":33052.79,\"bs\":0.48,\"ap\":33073.19,\"as\":0.601,\"t\":1610462411115,\"x\":1,\"r\":1610462411128}",
            "{\"ev\":\"XA\",\"pair\":\"BCD-USD\",\"v\":951.6112,\"vw\":0.7756,\"z\":73,\"o\":0.772,\"c\":0.784,\"h\":0.784,\"l\":0.771,\"s\":1610463240000,\"e\":1610463300000}");

    @Property(tries = 2000)
    void mutatedFramesNeverThrowAndYieldOnlyFiniteEvents(@ForAll("frames") String frame,
                                                        @ForAll("mutations") List<TextMutation> mutations) {
        assertDecodesSafely(TextMutation.applyAll(frame, mutations));
    }

    @Property(tries = 1000)
    void randomTextNeverThrows(@ForAll String text) {
        assertDecodesSafely(text);
    }

    @Property(tries = 1000)
    void randomBytesNeverThrow(@ForAll @Size(max = 400) byte[] bytes) {
        assertDecodesSafely(new String(bytes, StandardCharsets.UTF_8));
        assertDecodesSafely("[" + new String(bytes, StandardCharsets.ISO_8859_1) + "]");
    }

    @Property(tries = 300)
    void untouchedFramesDecodeWithoutComplaint(@ForAll("frames") String frame) {
        RecordingListener listener = new RecordingListener();
        new PolygonWsCodec("polygon").decode(frame, listener);
        assertThat(listener.malformed).isEmpty();
    }

    private static void assertDecodesSafely(String frame) {
        RecordingListener listener = new RecordingListener();
        PolygonWsCodec codec = new PolygonWsCodec("polygon");
        codec.decode(frame, listener);
        listener.events.forEach(FiniteEvents::assertWellFormed);
        assertThat(codec.events()).isEqualTo(listener.events.size());
        assertThat(codec.malformed()).isEqualTo(listener.malformed.size());
    }

    @Provide
    Arbitrary<String> frames() {
        return Arbitraries.of(VALID_EVENTS).list().ofMinSize(1).ofMaxSize(5)
                .map(events -> events.stream().collect(Collectors.joining(",", "[", "]")));
    }

    @Provide
    Arbitrary<List<TextMutation>> mutations() {
        return TextMutation.several();
    }
}
