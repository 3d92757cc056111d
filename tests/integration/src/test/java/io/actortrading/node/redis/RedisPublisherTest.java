package io.actortrading.node.redis;

import io.actortrading.integration.TestRedis;
import io.actortrading.market.Bar;
import io.actortrading.market.MarketEvent;
import io.actortrading.market.Quote;
import io.actortrading.market.Tick;
import io.actortrading.market.Timeframe;
import io.actortrading.node.symbol.SymbolActor;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.actortrading.node.redis.PublisherRig.MINUTE;
import static io.actortrading.node.redis.PublisherRig.T0;
import static io.actortrading.node.redis.PublisherRig.minute;
import static io.actortrading.node.redis.PublisherRig.ticks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the publisher writes to a real Redis, field by field, as the README's key layout documents it. */
class RedisPublisherTest {

    private static final Duration LANDS = Duration.ofSeconds(10);
    private static final int RECENT_BARS = 3;
    private static final int BENCH_BATCH = 100;
    private static final int BENCH_ROUNDS = 5;

    private TestRedis.Keyspace keys;
    private PublisherRig rig;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> redis;
    private HotDataLayout layout;

    @BeforeEach
    void start() {
        keys = TestRedis.keyspace("publisher");
        rig = new PublisherRig(keys.url(), keys.prefix(), "recent-bars = " + RECENT_BARS);
        connection = keys.connect();
        redis = connection.sync();
        layout = new HotDataLayout(keys.prefix());
    }

    @AfterEach
    void stop() {
        rig.close();
        connection.close();
        keys.close();
    }

    @Test
    void tradesLandInTheTicksStreamWithTheDocumentedFieldsAndQuotesDoNot() {
        List<MarketEvent> batch = new ArrayList<>(ticks("NVDA", 2, T0));
        batch.add(new Quote("NVDA", T0 + 5, 99.9, 100, 100.1, 200, "polygon"));
        batch.add(new Tick("AAPL", T0 + 7, 231.5, 0.25, "polygon", "t-77", 12345, 4));

        rig.publisher.offerTicks(batch);

        await().atMost(LANDS).untilAsserted(() -> assertThat(redis.xlen(layout.ticksStream())).isEqualTo(3));
        List<StreamMessage<String, String>> entries = redis.xrange(layout.ticksStream(), Range.create("-", "+"));
        assertThat(entries.get(0).getBody()).containsExactlyInAnyOrderEntriesOf(Map.of("symbol", "NVDA",
                "price", "100.0", "size", "10.0", "ts", Long.toString(T0), "source", "synthetic"));
        assertThat(entries.get(2).getBody()).containsExactlyInAnyOrderEntriesOf(Map.of("symbol", "AAPL",
                "price", "231.5", "size", "0.25", "ts", Long.toString(T0 + 7), "source", "polygon",
                "trade_id", "t-77", "seq", "12345", "exchange", "4"));
        await().atMost(LANDS).untilAsserted(() -> assertThat(rig.publisher.status())
                .satisfies(status -> {
                    assertThat(status.written()).isEqualTo(3);
                    assertThat(status.buffered()).isZero();
                    assertThat(status.dropped()).isZero();
                    assertThat(status.connected()).isTrue();
                }));
    }

    @Test
    void aRouterBatchLargerThanAWriteBatchIsWrittenWhole() {
        int routerBatch = 4 * rig.publisher.settings().batchSize();

        rig.publisher.offerTicks(ticks("NVDA", routerBatch, T0));

        await().atMost(LANDS).untilAsserted(() -> {
            assertThat(redis.xlen(layout.ticksStream())).isEqualTo(routerBatch);
            assertThat(rig.publisher.status().written()).isEqualTo(routerBatch);
        });
    }

    @Test
    void closedMinutesFillTheLatestHashWithTtlTheCappedBarsSetAndTheAggMinuteStream() {
        int minutes = 5;
        for (int m = 0; m < minutes; m++) {
            rig.publisher.offerBar(minute("NVDA", m, 100 + m, m == minutes - 1, false));
        }
        Bar fiveMinutes = new Bar("NVDA", Timeframe.M5, T0, T0 + 5 * MINUTE, 1, 2, 0.5, 1.5, 10, 1.2, 3, "polygon");
        rig.publisher.offerBar(new SymbolActor.BarUpdate(fiveMinutes, new double[0], null, false));

        String latest = layout.latestKey("NVDA");
        String bars = layout.barsKey("NVDA");
        await().atMost(LANDS).untilAsserted(() -> assertThat(redis.xlen(layout.aggMinuteStream())).isEqualTo(minutes));
        Map<String, String> hash = redis.hgetall(latest);
        long lastStart = T0 + (minutes - 1) * MINUTE;
        assertThat(hash).containsEntry("symbol", "NVDA").containsEntry("timeframe", "1m")
                .containsEntry("start", Long.toString(lastStart)).containsEntry("end", Long.toString(lastStart + MINUTE))
                .containsEntry("close", "104.0").containsEntry("volume", "1200.0").containsEntry("trades", "42")
                .containsEntry("source", "polygon").containsEntry("sma_20", "103.75").containsEntry("rsi_14", "NaN")
                .containsEntry("features", "[0.5,1.5,2.5,3.5,4.5,5.5,6.5,7.5,8.5,9.5,10.5,11.5]")
                .containsEntry("featuresAt", Long.toString(lastStart))
                .containsKey("updatedAt");
        assertThat(redis.pttl(latest)).isPositive().isLessThanOrEqualTo(Duration.ofDays(7).toMillis());

        assertThat(redis.zcard(bars)).isEqualTo(RECENT_BARS);
        assertThat(redis.zrangeWithScores(bars, 0, -1)).extracting(scored -> (long) scored.getScore())
                .containsExactly(T0 + 2 * MINUTE, T0 + 3 * MINUTE, lastStart);
        assertThat(redis.zrange(bars, -1, -1)).containsExactly(String.format(Locale.ROOT,
                "{\"start\":%d,\"end\":%d,\"open\":103.5,\"high\":105.0,\"low\":103.0,\"close\":104.0,\"volume\":1200.0,\"vwap\":103.9,\"trades\":42,\"source\":\"polygon\"}",
                lastStart, lastStart + MINUTE));

        StreamMessage<String, String> last = redis.xrevrange(layout.aggMinuteStream(), Range.create("-", "+"),
                io.lettuce.core.Limit.from(1)).get(0);
        assertThat(last.getBody()).containsEntry("symbol", "NVDA").containsEntry("start", Long.toString(lastStart))
                .containsEntry("close", "104.0").containsEntry("revision", "0");
        assertThat(redis.keys(keys.prefix() + "*")).containsExactlyInAnyOrder(latest, bars, layout.aggMinuteStream());
    }

    @Test
    void aRevisedMinuteReplacesTheMemberOfItsStart() {
        rig.publisher.offerBar(minute("MSFT", 0, 400, false, false));
        rig.publisher.offerBar(minute("MSFT", 1, 401, false, false));
        rig.publisher.offerBar(minute("MSFT", 0, 399, false, true));

        await().atMost(LANDS).untilAsserted(() -> assertThat(redis.xlen(layout.aggMinuteStream())).isEqualTo(3));
        List<String> members = redis.zrangebyscore(layout.barsKey("MSFT"), Range.create(T0, T0));
        assertThat(members).hasSize(1);
        assertThat(members.get(0)).contains("\"close\":399.0");
        assertThat(redis.zcard(layout.barsKey("MSFT"))).isEqualTo(2);
        assertThat(redis.xrange(layout.aggMinuteStream(), Range.create("-", "+")))
                .extracting(entry -> entry.getBody().get("revision")).containsExactly("0", "0", "1");
    }

    @Test
    void theListenerPublishesClosedMinutesAndHandsEveryUpdateOn() {
        List<SymbolActor.SymbolUpdate> handedOn = new CopyOnWriteArrayList<>();
        ActorRef<SymbolActor.SymbolUpdate> delegate = rig.system.systemActorOf(
                Behaviors.<SymbolActor.SymbolUpdate>receiveMessage(update -> {
                    handedOn.add(update);
                    return Behaviors.same();
                }), "delegate", Props.empty());
        ActorRef<SymbolActor.SymbolUpdate> listener = rig.system.systemActorOf(rig.publisher.listener(delegate),
                "redis-bars", Props.empty());

        listener.tell(minute("BTC-USD", 0, 65000, false, false));
        listener.tell(new SymbolActor.Flushed("BTC-USD"));

        await().atMost(LANDS).untilAsserted(() -> {
            assertThat(redis.hget(layout.latestKey("BTC-USD"), "close")).isEqualTo("65000.0");
            assertThat(handedOn).hasSize(2);
        });
    }

    /**
     * Prints what offering costs the router's thread per trade, and how many trades a second reach Redis
     * when the tick buffer is filled and then drained, round after round; asserts nothing about speed.
     */
    @Test
    void offerCostAndPublishRate() {
        List<MarketEvent> batch = ticks("NVDA", BENCH_BATCH, T0);
        int batchesPerRound = rig.publisher.settings().tickBuffer() / BENCH_BATCH;
        long offerNanos = 0;
        long drainNanos = 0;
        for (int round = 0; round < BENCH_ROUNDS; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < batchesPerRound; i++) {
                rig.publisher.offerTicks(batch);
            }
            offerNanos += System.nanoTime() - start;
            await().atMost(LANDS.multipliedBy(6)).pollInterval(Duration.ofMillis(5))
                    .until(() -> rig.publisher.status().buffered() == 0);
            drainNanos += System.nanoTime() - start;
        }
        long total = (long) BENCH_BATCH * batchesPerRound * BENCH_ROUNDS;
        double seconds = drainNanos / (double) TimeUnit.SECONDS.toNanos(1);
        System.out.printf(Locale.ROOT, "redis publisher: offerTicks %.1f ns per trade (batches of %d); "
                        + "%,d trades written to Redis in %.2f s = %,.0f ticks/s%n",
                offerNanos / (double) total, BENCH_BATCH, total, seconds, total / seconds);
        assertThat(rig.publisher.status()).satisfies(status -> {
            assertThat(status.dropped()).isZero();
            assertThat(status.written()).isEqualTo(total);
        });
    }
}
