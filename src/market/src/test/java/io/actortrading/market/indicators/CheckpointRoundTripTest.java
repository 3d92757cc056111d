package io.actortrading.market.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actortrading.market.Bar;
import io.actortrading.market.Checkpointable;
import io.actortrading.market.instrument.Instrument;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A snapshot taken after any number of bars and read into a fresh instance continues exactly as the
 * original does: the same doubles, bit for bit, for thousands of bars afterwards.
 */
class CheckpointRoundTripTest {

    private static final List<Bar> BARS = RandomWalkBars.generate(Subject.EQUITY, 23, 6_000);
    private static final int[] CUTS = {0, 1, 13, 34, 777, 4_000};

    static Stream<Arguments> subjectsAndCuts() {
        return Subject.all().flatMap(s -> java.util.Arrays.stream(CUTS).mapToObj(cut -> Arguments.of(s, cut)));
    }

    static Stream<Integer> cuts() {
        return java.util.Arrays.stream(CUTS).boxed();
    }

    private static byte[] snapshot(Checkpointable state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            state.writeState(out);
        }
        return bytes.toByteArray();
    }

    private static void restore(Checkpointable state, byte[] snapshot) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            state.readState(in);
            assertThat(in.read()).as("bytes left unread").isEqualTo(-1);
        }
    }

    private static long[] bits(double[] values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }

    @ParameterizedTest(name = "{0} after {1} bars")
    @MethodSource("subjectsAndCuts")
    void restoredIndicatorContinuesBitForBit(Subject subject, int cut) throws IOException {
        Indicator original = subject.create();
        BARS.subList(0, cut).forEach(original::update);
        byte[] snapshot = snapshot(original);

        Indicator restored = subject.create();
        restore(restored, snapshot);
        assertThat(snapshot(restored)).as("snapshot of the restored state").isEqualTo(snapshot);
        assertThat(restored.samples()).isEqualTo(original.samples());

        for (int i = cut; i < BARS.size(); i++) {
            original.update(BARS.get(i));
            restored.update(BARS.get(i));
            assertThat(bits(subject.values(restored))).as("bar %d", i).containsExactly(bits(subject.values(original)));
        }
        assertThat(restored.isReady()).isTrue();
    }

    @ParameterizedTest(name = "after {0} bars")
    @MethodSource("cuts")
    void restoredIndicatorSetContinuesBitForBit(int cut) throws IOException {
        Instrument instrument = Subject.EQUITY;
        IndicatorSet original = new IndicatorSet(instrument);
        BARS.subList(0, cut).forEach(original::update);
        byte[] snapshot = snapshot(original);

        IndicatorSet restored = new IndicatorSet(instrument);
        restore(restored, snapshot);
        assertThat(restored.lastBarStart()).isEqualTo(original.lastBarStart());
        assertThat(restored.bars()).isEqualTo(cut);

        double[] expected = new double[IndicatorSet.NAMES.size()];
        double[] actual = new double[IndicatorSet.NAMES.size()];
        for (int i = cut; i < BARS.size(); i++) {
            original.update(BARS.get(i));
            restored.update(BARS.get(i));
            original.values(expected);
            restored.values(actual);
            assertThat(bits(actual)).as("bar %d", i).containsExactly(bits(expected));
        }
        assertThat(snapshot(restored)).isEqualTo(snapshot(original));
    }

    @Test
    void aSnapshotOfAnotherPeriodIsRefused() throws IOException {
        Sma sma20 = new Sma(20);
        BARS.subList(0, 30).forEach(sma20::update);
        byte[] snapshot = snapshot(sma20);
        assertThatThrownBy(() -> restore(new Sma(14), snapshot)).isInstanceOf(IOException.class).hasMessageContaining("20");

        Ema ema12 = new Ema(12);
        byte[] emaSnapshot = snapshot(ema12);
        assertThatThrownBy(() -> restore(new Ema(26), emaSnapshot)).isInstanceOf(IOException.class)
                .hasMessageContaining("Ema(12)");
    }

    @Test
    void anIndicatorSetSnapshotOfAnotherFormatIsRefused() throws IOException {
        byte[] snapshot = snapshot(new IndicatorSet(Subject.EQUITY));
        snapshot[3] = 99;
        assertThatThrownBy(() -> restore(new IndicatorSet(Subject.EQUITY), snapshot)).isInstanceOf(IOException.class)
                .hasMessageContaining("format 99");
    }
}
