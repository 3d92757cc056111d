package io.actortrading.node.redis;

import io.actortrading.integration.TcpProxy;
import io.actortrading.integration.TestRedis;
import io.actortrading.market.MarketEvent;
import io.actortrading.node.metrics.SinkStatus;
import io.actortrading.node.symbol.SymbolActor;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.actortrading.node.redis.PublisherRig.T0;
import static io.actortrading.node.redis.PublisherRig.minute;
import static io.actortrading.node.redis.PublisherRig.ticks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis cut off by a TCP proxy while the publisher is fed: offering never blocks, the buffer fills and
 * drops are counted, and once the proxy forwards again the publisher reconnects by itself and new data
 * lands.
 */
class RedisOutageTest {

    private static final int TICK_BUFFER = 1_000;
    private static final int BAR_BUFFER = 100;
    private static final String SMALL_BUFFERS = """
            buffer { ticks = %d, bars = %d }
            batch-size = 100
            command-timeout = 500ms
            reconnect-backoff { min = 50ms, max = 500ms }
            """.formatted(TICK_BUFFER, BAR_BUFFER);
    private static final int BATCH = 10;
    private static final int BATCHES_WHILE_CUT = 500;
    private static final Duration SETTLES = Duration.ofSeconds(20);
    /** Offering must return, whatever Redis does: far longer than a non-blocking call could ever take. */
    private static final Duration NEVER_BLOCKS = Duration.ofSeconds(30);

    private TestRedis.Keyspace keys;
    private TcpProxy proxy;
    private PublisherRig rig;

    @BeforeEach
    void start() {
        keys = TestRedis.keyspace("outage");
        proxy = new TcpProxy(keys.host(), keys.port());
        rig = new PublisherRig(keys.urlVia(proxy.port()), keys.prefix(), SMALL_BUFFERS);
    }

    @AfterEach
    void stop() {
        rig.close();
        proxy.close();
        keys.close();
    }

    @Test
    void whileCutOfferingNeverBlocksAndDropsAreCountedThenItReconnectsByItself() {
        RedisPublisher publisher = rig.publisher;
        publisher.offerTicks(ticks("NVDA", BATCH, T0));
        await().atMost(SETTLES).untilAsserted(() -> assertThat(publisher.status().written()).isEqualTo(BATCH));
        assertThat(publisher.status().connected()).isTrue();

        proxy.cut();
        await().atMost(SETTLES).until(() -> !publisher.status().connected());
        List<List<MarketEvent>> batches = new ArrayList<>();
        for (int i = 0; i < BATCHES_WHILE_CUT; i++) {
            batches.add(ticks("NVDA", BATCH, T0 + (long) i * BATCH));
        }
        List<SymbolActor.BarUpdate> minutes = new ArrayList<>();
        for (int m = 0; m < 2 * BAR_BUFFER; m++) {
            minutes.add(minute("NVDA", m, 100, false, false));
        }
        long offerNanos = CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            batches.forEach(publisher::offerTicks);
            minutes.forEach(publisher::offerBar);
            return System.nanoTime() - start;
        }).orTimeout(NEVER_BLOCKS.toSeconds(), TimeUnit.SECONDS).join();

        SinkStatus cut = publisher.status();
        long offeredWhileCut = (long) BATCHES_WHILE_CUT * BATCH + 2L * BAR_BUFFER;
        assertThat(cut.connected()).isFalse();
        assertThat(cut.written()).isEqualTo(BATCH);
        assertThat(cut.buffered()).isEqualTo(TICK_BUFFER + BAR_BUFFER).isEqualTo(cut.capacity());
        assertThat(cut.dropped()).isEqualTo(offeredWhileCut - cut.capacity());
        System.out.printf(Locale.ROOT, "redis outage: %,d items offered while cut in %.2f ms (%.0f ns per item), "
                        + "%,d buffered, %,d dropped%n", offeredWhileCut, offerNanos / 1e6,
                offerNanos / (double) offeredWhileCut, cut.buffered(), cut.dropped());

        long restoredAt = System.nanoTime();
        proxy.restore();
        await().atMost(SETTLES).untilAsserted(() -> {
            SinkStatus now = publisher.status();
            assertThat(now.connected()).isTrue();
            assertThat(now.buffered()).isZero();
            assertThat(now.written()).isEqualTo(BATCH + cut.capacity());
        });
        System.out.printf(Locale.ROOT, "redis outage: reconnected and the buffer (%,d items) written %.0f ms after "
                + "the proxy forwarded again%n", cut.capacity(), (System.nanoTime() - restoredAt) / 1e6);

        List<MarketEvent> after = ticks("AFTER", BATCH, T0);
        publisher.offerTicks(after);
        HotDataLayout layout = new HotDataLayout(keys.prefix());
        try (StatefulRedisConnection<String, String> connection = keys.connect()) {
            await().atMost(SETTLES).untilAsserted(() -> {
                List<StreamMessage<String, String>> newest = connection.sync().xrevrange(layout.ticksStream(),
                        Range.create("-", "+"), io.lettuce.core.Limit.from(BATCH));
                assertThat(newest).extracting(entry -> entry.getBody().get("symbol")).containsOnly("AFTER").hasSize(BATCH);
                assertThat(connection.sync().exists(layout.latestKey("NVDA"))).isEqualTo(1);
            });
        }
        assertThat(publisher.status().dropped()).isEqualTo(cut.dropped());
    }

    @Test
    void aPublisherCutOffFromRedisStillShutsDown() {
        RedisPublisher publisher = rig.publisher;
        publisher.offerTicks(ticks("NVDA", BATCH, T0));
        await().atMost(SETTLES).until(() -> publisher.status().written() == BATCH);
        proxy.cut();
        publisher.offerTicks(ticks("NVDA", BATCH, T0 + BATCH));
        await().atMost(SETTLES).until(() -> !publisher.status().connected());

        rig.close();

        assertThat(rig.system.getWhenTerminated().toCompletableFuture()).isCompleted();
        assertThat(publisher.status().written()).isEqualTo(BATCH);
    }
}
