package io.actortrading.feeds.replay;

import io.actortrading.feeds.text.TimestampText;
import io.actortrading.market.MarketEvent;
import io.actortrading.market.Tick;
import java.util.function.Consumer;

/**
 * {@code csv-ticks}: {@code ts,symbol,price,size}, each row one trade. Rows carry no trade id, so no
 * replayed trade is ever taken for a duplicate of another: identical rows are distinct trades.
 */
final class CsvTickDecoder extends CsvDecoder {

    CsvTickDecoder(LineInput input, ReplayTally tally, String source) {
        super(input, tally, source, "ts", "symbol", "price", "size");
    }

    @Override
    void decodeRow(char[] text, long line, Consumer<MarketEvent> sink) {
        long time = timestamp(text, 0, line);
        String symbol = symbol(text, 1, line);
        double price = number(text, 2, line);
        double size = number(text, 3, line);
        if (time == TimestampText.INVALID || symbol == null || Double.isNaN(price) || Double.isNaN(size)) {
            return;
        }
        sink.accept(Tick.of(symbol, time, price, size, source));
    }
}
