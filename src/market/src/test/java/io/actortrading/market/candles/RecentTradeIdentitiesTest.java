package io.actortrading.market.candles;

import io.actortrading.market.Tick;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class RecentTradeIdentitiesTest {

    /**
     * Small identities share home slots and form long probe runs; identities whose low 20 bits are all
     * but ones have their home in the last slots of any table, so their runs wrap around its end. That
     * is where backward-shift deletion goes wrong if it does; scattered ones exercise the ordinary case.
     */
    @Provide
    Arbitrary<List<Long>> identities() {
        Arbitrary<Long> clustered = Arbitraries.longs().between(1, 150);
        Arbitrary<Long> wrapping = Arbitraries.longs().between(1, 150).map(x -> (x << 20) | (0xFFFFFL - x % 6));
        Arbitrary<Long> scattered = Arbitraries.longs().between(1, 150).map(x -> x * 0x9E3779B97F4A7C15L);
        return Arbitraries.frequencyOf(Tuple.of(3, clustered), Tuple.of(3, wrapping), Tuple.of(1, scattered))
                .list().ofMaxSize(3_000);
    }

    @Property(tries = 300)
    void remembersExactlyTheLastWindowOfDistinctIdentities(@ForAll @IntRange(min = 1, max = 64) int window,
                                                           @ForAll("identities") List<Long> identities)
            throws IOException {
        RecentTradeIdentities recent = new RecentTradeIdentities(window);
        ArrayDeque<Long> model = new ArrayDeque<>();
        for (long identity : identities) {
            boolean known = model.contains(identity);
            assertThat(recent.contains(identity)).isEqualTo(known);
            assertThat(recent.add(identity)).isEqualTo(!known);
            if (!known) {
                model.addLast(identity);
                if (model.size() > window) {
                    model.removeFirst();
                }
            }
        }
        Set<Long> probes = identities.stream().collect(Collectors.toSet());
        for (long probe : probes) {
            assertThat(recent.contains(probe)).as("contains %d", probe).isEqualTo(model.contains(probe));
        }
        assertThat(recent.size()).isEqualTo(model.size());

        RecentTradeIdentities copy = RecentTradeIdentities.read(input(bytes(recent)), window);
        assertThat(bytes(copy)).isEqualTo(bytes(recent));
        for (long probe : probes) {
            assertThat(copy.contains(probe)).isEqualTo(model.contains(probe));
        }
        long next = LongStream.rangeClosed(1, 1_000).filter(x -> !model.contains(x)).findFirst().orElseThrow();
        assertThat(copy.add(next)).isEqualTo(recent.add(next));
        assertThat(bytes(copy)).as("the copy evicts the same oldest identity").isEqualTo(bytes(recent));
    }

    @Test
    void theLargestWindowRemembersExactlyItsSizeOfIdentities() {
        int window = CandleSettings.MAX_DUPLICATE_WINDOW;
        RecentTradeIdentities recent = new RecentTradeIdentities(window);
        for (long identity = 1; identity <= window + 10L; identity++) {
            assertThat(recent.add(identity * 0x9E3779B97F4A7C15L)).isTrue();
        }

        assertThat(recent.size()).isEqualTo(window);
        assertThat(recent.contains(10 * 0x9E3779B97F4A7C15L)).isFalse();
        assertThat(recent.contains(11 * 0x9E3779B97F4A7C15L)).isTrue();
        assertThat(recent.contains((window + 10L) * 0x9E3779B97F4A7C15L)).isTrue();
    }

    @Test
    void identityDistinguishesTradeIdExchangeAndSequence() {
        long a = RecentTradeIdentities.identity(trade("123", 4, Tick.NO_SEQUENCE));
        assertThat(RecentTradeIdentities.identity(trade("123", 4, Tick.NO_SEQUENCE))).isEqualTo(a);
        assertThat(RecentTradeIdentities.identity(trade("123", 5, Tick.NO_SEQUENCE))).isNotEqualTo(a);
        assertThat(RecentTradeIdentities.identity(trade("124", 4, Tick.NO_SEQUENCE))).isNotEqualTo(a);
        assertThat(RecentTradeIdentities.identity(trade("123", 4, 99))).as("the trade id wins").isEqualTo(a);
        long sequence = RecentTradeIdentities.identity(trade(null, 0, 123));
        assertThat(sequence).isNotEqualTo(a).isNotEqualTo(RecentTradeIdentities.identity(trade(null, 0, 124)));
        assertThat(RecentTradeIdentities.identity(trade(null, 7, 123))).as("a sequence is per symbol")
                .isEqualTo(sequence);
        assertThat(RecentTradeIdentities.identity(trade("", 0, Tick.NO_SEQUENCE))).isNotZero();
    }

    private static Tick trade(String tradeId, int exchange, long sequence) {
        return new Tick("X", 0, 1, 1, "s", tradeId, sequence, exchange);
    }

    private static byte[] bytes(RecentTradeIdentities identities) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            identities.write(out);
        }
        return bytes.toByteArray();
    }

    private static DataInputStream input(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }
}
