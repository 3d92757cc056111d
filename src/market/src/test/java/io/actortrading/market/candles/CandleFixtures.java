package io.actortrading.market.candles;

import io.actortrading.market.Bar;
import io.actortrading.market.Tick;
import io.actortrading.market.Timeframe;
import io.actortrading.market.instrument.AssetClass;
import io.actortrading.market.instrument.Instrument;
import io.actortrading.market.instrument.TradingSession;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Instruments, clocks and a recording sink shared by the candle tests. */
final class CandleFixtures {

    static final ZoneId NEW_YORK = Instrument.NEW_YORK;
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    static final Instrument BTC = Instrument.infer("BTC-USD");
    static final Instrument NVDA = Instrument.infer("NVDA");
    /** Around the clock in London: the DST switch (01:00 UTC) falls inside its trading day. */
    static final Instrument LONDON_24H =
            new Instrument("EURGBP-LDN", AssetClass.FOREX, LONDON, TradingSession.ALWAYS_OPEN);
    /** Around the clock in New York: its day starts at local midnight and switches DST at 02:00. */
    static final Instrument NEW_YORK_24H =
            new Instrument("NY-24H", AssetClass.CRYPTO, NEW_YORK, TradingSession.ALWAYS_OPEN);

    /** No grace: closing by the clock happens exactly at a bucket's end, as in a replay. */
    static final CandleSettings REPLAY = CandleSettings.defaults().withGraceMillis(0);

    private CandleFixtures() {
    }

    /** Epoch millis of a local date-time ({@code 2026-03-09T09:30}, seconds and millis optional). */
    static long at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant().toEpochMilli();
    }

    static long utc(String localDateTime) {
        return at(localDateTime, ZoneOffset.UTC);
    }

    static long ny(String localDateTime) {
        return at(localDateTime, NEW_YORK);
    }

    static Tick trade(Instrument instrument, long time, double price, double size) {
        return Tick.of(instrument.symbol(), time, price, size, "test");
    }

    static Tick trade(Instrument instrument, long time, double price, double size, String source) {
        return Tick.of(instrument.symbol(), time, price, size, source);
    }

    static Tick identifiedTrade(Instrument instrument, long time, double price, String tradeId, int exchange) {
        return new Tick(instrument.symbol(), time, price, 1.0, "polygon", tradeId, Tick.NO_SEQUENCE, exchange);
    }

    static Tick sequencedTrade(Instrument instrument, long time, double price, long sequence) {
        return new Tick(instrument.symbol(), time, price, 1.0, "polygon", null, sequence, 0);
    }

    static Bar providerMinute(Instrument instrument, long start, double open, double high, double low, double close,
                              double volume, double vwap, long trades) {
        return new Bar(instrument.symbol(), Timeframe.M1, start, start + 60_000L, open, high, low, close, volume,
                vwap, trades, "provider");
    }

    static byte[] state(CandleAggregator aggregator) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            aggregator.writeState(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A sink that keeps every closed bar in the order it was handed over. */
    static final class ClosedBars implements BarSink {

        final List<Bar> bars = new ArrayList<>();

        @Override
        public void barClosed(Bar bar) {
            bars.add(bar);
        }

        List<Bar> of(Timeframe tf) {
            return bars.stream().filter(b -> b.timeframe() == tf).toList();
        }

        Bar only(Timeframe tf) {
            List<Bar> matching = of(tf);
            if (matching.size() != 1) {
                throw new AssertionError("expected one " + tf + " bar, got " + matching);
            }
            return matching.get(0);
        }

        List<Timeframe> timeframes() {
            return bars.stream().map(Bar::timeframe).toList();
        }

        void clear() {
            bars.clear();
        }
    }
}
