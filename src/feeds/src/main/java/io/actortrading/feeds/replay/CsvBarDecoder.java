package io.actortrading.feeds.replay;

import io.actortrading.feeds.text.TimestampText;
import io.actortrading.market.Bar;
import io.actortrading.market.MarketEvent;
import io.actortrading.market.Timeframe;
import java.util.function.Consumer;

/**
 * {@code csv-bars}: {@code ts,symbol,open,high,low,close,volume}, each row the 1-minute bar that starts
 * at {@code ts}. The file has no VWAP or trade count, so bars carry the typical price as VWAP and 0 trades.
 */
final class CsvBarDecoder extends CsvDecoder {

    private static final long ONE_MINUTE_MILLIS = 60_000L;

    CsvBarDecoder(LineInput input, ReplayTally tally, String source) {
        super(input, tally, source, "ts", "symbol", "open", "high", "low", "close", "volume");
    }

    @Override
    void decodeRow(char[] text, long line, Consumer<MarketEvent> sink) {
        long start = timestamp(text, 0, line);
        String symbol = symbol(text, 1, line);
        double open = number(text, 2, line);
        double high = number(text, 3, line);
        double low = number(text, 4, line);
        double close = number(text, 5, line);
        double volume = number(text, 6, line);
        if (start == TimestampText.INVALID || symbol == null || Double.isNaN(open)
                || Double.isNaN(high) || Double.isNaN(low) || Double.isNaN(close) || Double.isNaN(volume)) {
            return;
        }
        sink.accept(new Bar(symbol, Timeframe.M1, start, start + ONE_MINUTE_MILLIS, open, high, low, close, volume,
                Bar.typicalPrice(high, low, close), 0L, source));
    }
}
