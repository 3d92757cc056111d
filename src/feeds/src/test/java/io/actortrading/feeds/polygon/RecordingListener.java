package io.actortrading.feeds.polygon;

import io.actortrading.market.MarketEvent;
import java.util.ArrayList;
import java.util.List;

/** Keeps what a codec reported, in order. */
final class RecordingListener implements PolygonWsCodec.Listener {

    final List<MarketEvent> events = new ArrayList<>();
    final List<String> statuses = new ArrayList<>();
    final List<String> malformed = new ArrayList<>();

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
        malformed.add(reason);
    }
}
