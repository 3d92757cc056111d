package io.actortrading.market.validation;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class QualityScoreTest {

    @Test
    void withoutEventsTheScoreIsOneAndNothingIsCounted() {
        QualityScore score = new QualityScore();
        assertThat(score.score()).isEqualTo(1.0);
        assertThat(score.total()).isZero();
        for (Verdict verdict : Verdict.values()) {
            assertThat(score.count(verdict)).isZero();
        }
    }

    @Test
    void onlyAcceptedEventsKeepTheScoreAtOne() {
        QualityScore score = new QualityScore();
        for (int i = 0; i < 500; i++) {
            score.record(i % 5 == 0 ? Verdict.STALE : Verdict.ACCEPTED);
        }
        assertThat(score.score()).isEqualTo(1.0);
        assertThat(score.count(Verdict.STALE)).isEqualTo(100);
        assertThat(score.count(Verdict.ACCEPTED)).isEqualTo(400);
    }

    @Test
    void scoreIsTheWeightedShareFromTheFirstEventOn() {
        QualityScore score = new QualityScore();
        score.record(Verdict.PRICE_SPIKE);
        assertThat(score.score()).isEqualTo(0.0);
        score.record(Verdict.ACCEPTED);
        assertThat(score.score()).as("the newer, accepted event weighs a little more")
                .isGreaterThan(0.5).isLessThan(0.51);
    }

    @Test
    void olderEventsWeighHalfAsMuchPerHalfLife() {
        QualityScore score = new QualityScore(100);
        for (int i = 0; i < 100; i++) {
            score.record(Verdict.ACCEPTED);
        }
        for (int i = 0; i < 100; i++) {
            score.record(Verdict.NON_FINITE);
        }
        // accepted weight d^100..d^199, total d^0..d^199 with d^100 = 1/2: (1/2 * 1/2) / (3/4)
        assertThat(score.score()).isCloseTo(1.0 / 3.0, within(1e-12));
        for (int i = 0; i < 5_000; i++) {
            score.record(Verdict.ACCEPTED);
        }
        assertThat(score.score()).as("recovers once the source is good again").isGreaterThan(0.999_999);
        assertThat(score.count(Verdict.NON_FINITE)).isEqualTo(100);
        assertThat(score.total()).isEqualTo(5_200);
    }

    @Property(tries = 300)
    void scoreStaysWithinZeroAndOneAndCountersAddUp(@ForAll @Size(max = 400) List<Verdict> verdicts) {
        QualityScore score = new QualityScore(20);
        long[] expected = new long[Verdict.values().length];
        for (Verdict verdict : verdicts) {
            score.record(verdict);
            expected[verdict.ordinal()]++;
            assertThat(score.score()).isBetween(0.0, 1.0);
        }
        for (Verdict verdict : Verdict.values()) {
            assertThat(score.count(verdict)).isEqualTo(expected[verdict.ordinal()]);
        }
        assertThat(score.total()).isEqualTo(Arrays.stream(expected).sum());
    }

    @Test
    void checkpointRoundTripRestoresScoreAndCountersBitForBit() throws IOException {
        QualityScore original = new QualityScore(50);
        Verdict[] verdicts = Verdict.values();
        for (int i = 0; i < 777; i++) {
            original.record(verdicts[(i * 7) % verdicts.length]);
        }
        byte[] snapshot = snapshot(original);
        QualityScore restored = new QualityScore(50);
        restored.record(Verdict.ZERO_WIDTH);
        restored.readState(new DataInputStream(new ByteArrayInputStream(snapshot)));

        assertThat(snapshot(restored)).isEqualTo(snapshot);
        assertThat(Double.doubleToRawLongBits(restored.score())).isEqualTo(Double.doubleToRawLongBits(original.score()));
        for (Verdict verdict : verdicts) {
            assertThat(restored.count(verdict)).isEqualTo(original.count(verdict));
        }
        original.record(Verdict.ACCEPTED);
        restored.record(Verdict.ACCEPTED);
        assertThat(Double.doubleToRawLongBits(restored.score())).isEqualTo(Double.doubleToRawLongBits(original.score()));
    }

    @Test
    void corruptSnapshotIsRefusedAndLeavesTheScoreAsItWas() throws IOException {
        QualityScore score = new QualityScore();
        score.record(Verdict.ACCEPTED);
        score.record(Verdict.PRICE_SPIKE);
        byte[] before = snapshot(score);

        ByteArrayOutputStream unknownVerdict = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(unknownVerdict);
        out.writeInt(1);
        out.writeLong(Double.doubleToRawLongBits(1.0));
        out.writeLong(Double.doubleToRawLongBits(1.0));
        out.writeInt(1);
        out.writeUTF("LOOKED_FUNNY");
        out.writeLong(3);

        assertThatThrownBy(() -> score.readState(new DataInputStream(new ByteArrayInputStream(unknownVerdict.toByteArray()))))
                .isInstanceOf(IOException.class).hasMessageContaining("LOOKED_FUNNY");
        assertThatThrownBy(() -> score.readState(new DataInputStream(new ByteArrayInputStream(Arrays.copyOf(before, 30)))))
                .isInstanceOf(IOException.class);
        assertThat(snapshot(score)).isEqualTo(before);
    }

    @Test
    void halfLifeMustBePositiveAndFinite() {
        assertThatThrownBy(() -> new QualityScore(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QualityScore(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QualityScore(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] snapshot(QualityScore score) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        score.writeState(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }
}
