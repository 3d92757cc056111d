package io.actortrading.feeds.twelvedata;

import io.actortrading.market.Tick;
import java.util.ArrayList;
import java.util.List;

/** Keeps what the codec delivered, subscribe statuses as {@code status success=[..] fails=[..]}. */
final class RecordingListener implements TwelveDataWsCodec.Listener {

    final List<Tick> ticks = new ArrayList<>();
    final List<String> subscribeStatuses = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    final List<String> malformed = new ArrayList<>();
    int heartbeats;

    @Override
    public void onPrice(Tick tick) {
        ticks.add(tick);
    }

    @Override
    public void onSubscribeStatus(String status, List<String> successSymbols, List<String> failedSymbols) {
        subscribeStatuses.add(status + " success=" + successSymbols + " fails=" + failedSymbols);
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
        malformed.add(reason);
    }
}
