package io.actortrading.market.features;

import io.actortrading.market.Bar;
import io.actortrading.market.Timeframe;
import io.actortrading.market.instrument.Instrument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.ZonedDateTime;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeatureWindowTest {

    private static final Instrument AAPL = Instrument.infer("AAPL");
    /** 2024-06-12 09:30 America/New_York (EDT). */
    private static final long SUMMER_OPEN = ZonedDateTime.parse("2024-06-12T09:30:00-04:00").toInstant().toEpochMilli();
    /** 2024-01-10 09:30 America/New_York (EST). */
    private static final long WINTER_OPEN = ZonedDateTime.parse("2024-01-10T09:30:00-05:00").toInstant().toEpochMilli();

    @Test
    void namesAreTheModelsTwelveInputsInOrder() {
        assertThat(FeatureWindow.NAMES).hasSize(FeatureWindow.SIZE).containsExactly("returns", "log_returns",
                "sma_5", "sma_20", "ema_12", "volatility", "rsi", "volume_ratio", "vwap", "hour", "minute", "close");
    }

    @Test
    void computeReturnsFalseAndLeavesTheOutputAloneUntilFiftyBars() {
        FeatureWindow window = new FeatureWindow(AAPL);
        double[] out = new double[FeatureWindow.SIZE];
        assertThat(window.lastBarStart()).isEqualTo(Long.MIN_VALUE);
        for (int i = 0; i < FeatureWindow.BARS - 1; i++) {
            window.add(bar(SUMMER_OPEN, i, 100.0 + i * 0.01, 1_000));
            Arrays.fill(out, -7.0);
            assertThat(window.compute(out)).as("after %d bars", i + 1).isFalse();
            assertThat(window.isReady()).isFalse();
            assertThat(out).containsOnly(-7.0);
        }
        window.add(bar(SUMMER_OPEN, 49, 100.49, 1_000));
        assertThat(window.isReady()).isTrue();
        assertThat(window.compute(out)).isTrue();
        assertThat(out[11]).isEqualTo(100.49);
        assertThat(window.lastBarStart()).isEqualTo(SUMMER_OPEN + 49 * 60_000L);
    }

    @Test
    void windowKeepsOnlyTheLastFiftyBars() {
        FeatureWindow window = new FeatureWindow(AAPL);
        for (int i = 0; i < 80; i++) {
            window.add(bar(SUMMER_OPEN, i, i < 30 ? 1_000.0 : 50.0, 10));
        }
        double[] out = new double[FeatureWindow.SIZE];
        assertThat(window.compute(out)).isTrue();
        assertThat(window.size()).isEqualTo(FeatureWindow.BARS);
        // bars 30..79 all close at 50 with equal volume: the 1000-priced bars have left the window
        assertThat(out[8]).as("vwap").isEqualTo(50.0);
        assertThat(out[3]).as("sma_20").isEqualTo(50.0);
        assertThat(out[4]).as("ema_12").isEqualTo(50.0);
    }

    @Test
    void hourAndMinuteAreExchangeLocalAcrossTheDstSwitch() {
        FeatureWindow window = new FeatureWindow(AAPL);
        double[] out = new double[FeatureWindow.SIZE];
        long lastWinterBar = WINTER_OPEN + 60 * 60_000L;
        for (int i = 0; i < 61; i++) {
            window.add(bar(WINTER_OPEN, i, 100.0, 5));
        }
        window.compute(out);
        assertThat(window.lastBarStart()).isEqualTo(lastWinterBar);
        assertThat(out[9]).isEqualTo(10.0);
        assertThat(out[10]).isEqualTo(30.0);
        for (int i = 0; i < 50; i++) {
            window.add(bar(SUMMER_OPEN, i, 100.0, 5));
        }
        window.compute(out);
        assertThat(out[9]).isEqualTo(10.0);
        assertThat(out[10]).isEqualTo(19.0);
    }

    @Test
    void cryptoHoursAreUtc() {
        FeatureWindow window = new FeatureWindow(Instrument.infer("BTC-USD"));
        long utcMidnight = ZonedDateTime.parse("2024-06-12T00:00:00Z").toInstant().toEpochMilli();
        for (int i = 0; i < 50; i++) {
            window.add(bar(utcMidnight, i, 67_000.0 + i, 0.5));
        }
        double[] out = new double[FeatureWindow.SIZE];
        window.compute(out);
        assertThat(out[9]).isEqualTo(0.0);
        assertThat(out[10]).isEqualTo(49.0);
    }

    @Test
    void barsThatCannotExtendTheSeriesAreIgnoredAndCounted() {
        FeatureWindow window = new FeatureWindow(AAPL);
        window.add(bar(SUMMER_OPEN, 5, 100.0, 10));
        window.add(null);
        window.add(bar(SUMMER_OPEN, 5, 101.0, 10));
        window.add(bar(SUMMER_OPEN, 4, 101.0, 10));
        window.add(bar(SUMMER_OPEN, 6, Double.NaN, 10));
        window.add(bar(SUMMER_OPEN, 6, 101.0, Double.POSITIVE_INFINITY));
        window.add(new Bar("AAPL", Timeframe.M5, SUMMER_OPEN + 600_000L, SUMMER_OPEN + 900_000L,
                100, 100, 100, 100, 10, 100, 0, "test"));
        assertThat(window.ignoredBars()).isEqualTo(6);
        assertThat(window.size()).isEqualTo(1);
        assertThat(window.lastBarStart()).isEqualTo(SUMMER_OPEN + 5 * 60_000L);
    }

    @ParameterizedTest(name = "after {0} bars")
    @ValueSource(ints = {0, 1, 49, 50, 73, 100})
    void checkpointRoundTripRestoresTheWindowBitForBit(int bars) throws IOException {
        FeatureWindow original = new FeatureWindow(AAPL);
        for (int i = 0; i < bars; i++) {
            original.add(bar(SUMMER_OPEN, i, price(i), volume(i)));
        }
        original.add(null);
        byte[] snapshot = snapshot(original);

        FeatureWindow restored = new FeatureWindow(AAPL);
        restored.add(bar(WINTER_OPEN, 0, 5.0, 5.0));
        restored.readState(new DataInputStream(new ByteArrayInputStream(snapshot)));

        assertThat(snapshot(restored)).isEqualTo(snapshot);
        assertThat(restored.size()).isEqualTo(original.size());
        assertThat(restored.lastBarStart()).isEqualTo(original.lastBarStart());
        assertThat(restored.ignoredBars()).isEqualTo(1);
        for (int i = bars; i < bars + 60; i++) {
            Bar next = bar(SUMMER_OPEN, i, price(i), volume(i));
            original.add(next);
            restored.add(next);
            assertSameVector(original, restored);
        }
    }

    @Test
    void restoringAnEarlierSnapshotRecomputesTheExchangeOffset() throws IOException {
        FeatureWindow winter = new FeatureWindow(AAPL);
        for (int i = 0; i < 50; i++) {
            winter.add(bar(WINTER_OPEN, i, price(i), volume(i)));
        }
        FeatureWindow window = new FeatureWindow(AAPL);
        for (int i = 0; i < 50; i++) {
            window.add(bar(SUMMER_OPEN, i, price(i), volume(i)));
        }
        double[] out = new double[FeatureWindow.SIZE];
        window.compute(out);
        window.readState(new DataInputStream(new ByteArrayInputStream(snapshot(winter))));
        window.compute(out);
        assertThat(out[9]).as("hour of 10:19 EST").isEqualTo(10.0);
        assertThat(out[10]).isEqualTo(19.0);
    }

    @Test
    void corruptSnapshotIsRefusedAndLeavesTheWindowAsItWas() throws IOException {
        FeatureWindow window = new FeatureWindow(AAPL);
        for (int i = 0; i < 55; i++) {
            window.add(bar(SUMMER_OPEN, i, price(i), volume(i)));
        }
        byte[] before = snapshot(window);
        byte[] truncated = Arrays.copyOf(before, before.length - 12);
        byte[] tooMany = before.clone();
        tooMany[7] = 51;

        assertThatThrownBy(() -> window.readState(new DataInputStream(new ByteArrayInputStream(truncated))))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> window.readState(new DataInputStream(new ByteArrayInputStream(tooMany))))
                .isInstanceOf(IOException.class).hasMessageContaining("51 bars");
        assertThat(snapshot(window)).isEqualTo(before);
    }

    @Test
    void addingAndComputingAllocateNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int perRound = 20_000;
        Bar[] bars = new Bar[3 * perRound];
        for (int i = 0; i < bars.length; i++) {
            bars[i] = bar(WINTER_OPEN, i, price(i), volume(i));
        }
        FeatureWindow window = new FeatureWindow(AAPL);
        double[] out = new double[FeatureWindow.SIZE];
        double checksum = 0;
        long allocated = 0;
        // the first round only warms up: class loading and the first offset lookup allocate
        for (int round = 0; round < 3; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = round * perRound; i < (round + 1) * perRound; i++) {
                window.add(bars[i]);
                if (window.compute(out)) {
                    checksum += out[4];
                }
            }
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
        }
        assertThat(checksum).isPositive();
        assertThat(allocated).as("bytes allocated by %d bars added and computed", perRound).isLessThan(1_024);
    }

    private static void assertSameVector(FeatureWindow a, FeatureWindow b) {
        double[] left = new double[FeatureWindow.SIZE];
        double[] right = new double[FeatureWindow.SIZE];
        boolean leftReady = a.compute(left);
        assertThat(b.compute(right)).isEqualTo(leftReady);
        for (int i = 0; i < FeatureWindow.SIZE; i++) {
            assertThat(Double.doubleToRawLongBits(right[i])).as(FeatureWindow.NAMES.get(i))
                    .isEqualTo(Double.doubleToRawLongBits(left[i]));
        }
    }

    private static byte[] snapshot(FeatureWindow window) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        window.writeState(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static double price(int i) {
        return 100.0 + Math.sin(i * 0.7) * 3.0 + i * 0.013;
    }

    private static double volume(int i) {
        return i % 7 == 0 ? 0.0 : 1_000.0 + (i * 37 % 11) * 150.0;
    }

    private static Bar bar(long firstStart, int minute, double close, double volume) {
        long start = firstStart + minute * 60_000L;
        return new Bar("AAPL", Timeframe.M1, start, start + 60_000L, close, close, close, close, volume, close, 1,
                "test");
    }
}
