package io.actortrading.feeds.replay;

import io.actortrading.feeds.polygon.PolygonWsCodec;
import io.actortrading.market.MarketEvent;
import java.util.function.Consumer;

/** {@code polygon-ws}: one WebSocket frame per line, decoded exactly as the live feed decodes it. */
final class PolygonWsLineDecoder extends LineDecoder implements PolygonWsCodec.Listener {

    private final PolygonWsCodec codec;
    private Consumer<MarketEvent> sink;
    private long line;

    PolygonWsLineDecoder(LineInput input, ReplayTally tally, String source) {
        super(input, tally);
        this.codec = new PolygonWsCodec(source);
    }

    @Override
    void decodeLine(char[] text, int start, int end, long line, Consumer<MarketEvent> sink) {
        this.sink = sink;
        this.line = line;
        codec.decode(text, start, end - start, this);
        tally.ignoredEvents = codec.perSecondAggregates();
    }

    @Override
    public void onEvent(MarketEvent event) {
        sink.accept(event);
    }

    @Override
    public void onStatus(String status, String message) {
        tally.statusMessages++;
    }

    @Override
    public void onMalformed(String reason) {
        tally.problem(line, reason);
    }
}
