package io.actortrading.node.symbol;

import com.typesafe.config.ConfigFactory;
import io.actortrading.market.Tick;
import io.actortrading.market.Timeframe;
import io.actortrading.node.clock.MarketClock;
import io.actortrading.node.feed.FeedRouter;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A symbol whose journal fails a write is restarted with backoff by its persistence supervisor, and
 * afterwards it is the symbol it was: its clock still closes a quiet minute, and the restart is
 * counted. On Pekko's persistence test kit, which fails the write on request.
 */
class SymbolJournalFailureTest {

    private static final String SYMBOL = "BTC-USD";
    /** One market minute a wall second. */
    private static final double SPEED = 60.0;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final MarketClock.Accelerated clock = new MarketClock.Accelerated(
            Instant.parse("2026-03-04T15:00:00Z").toEpochMilli(), SPEED, System.nanoTime());
    private final ActorTestKit kit = ActorTestKit.create("journal-failure",
            PersistenceTestKitPlugin.getInstance().config()
                    .withFallback(PersistenceTestKitSnapshotPlugin.config())
                    .withFallback(ConfigFactory.parseString("pekko.actor.provider = local"))
                    .withFallback(ConfigFactory.load()));

    private final PersistenceTestKit journal = PersistenceTestKit.create(kit.system());
    private final IngestMetrics metrics = IngestMetrics.get(kit.system());
    private final SymbolSettings settings = SymbolSettings.fromConfig(
            kit.system().settings().config().getConfig("actortrading.symbol")).withoutGrace();

    @AfterEach
    void shutDown() {
        kit.shutdownTestKit();
    }

    @Test
    void afterAFailedWriteTheRestartedSymbolStillClosesAQuietMinuteByItsClock() {
        TestProbe<SymbolActor.SymbolUpdate> listener = kit.createTestProbe();
        TestProbe<FeedRouter.Command> acks = kit.createTestProbe();
        ActorRef<SymbolActor.Command> symbol = kit.spawn(SymbolActor.create(SYMBOL,
                new SymbolActor.Environment(settings, clock, listener.ref(), metrics)));
        long restartsBefore = metrics.restarts();

        journal.failNextPersisted();
        trade(symbol, clock, acks);
        await("the failed write restarted the symbol").atMost(WAIT).until(() -> metrics.restarts() > restartsBefore);

        long minute = trade(symbol, clock, acks);
        SymbolActor.BarUpdate closed = (SymbolActor.BarUpdate) listener.fishForMessage(WAIT, update ->
                update instanceof SymbolActor.BarUpdate bar && bar.bar().timeframe() == Timeframe.M1
                        && bar.bar().start() == minute
                        ? FishingOutcomes.complete()
                        : FishingOutcomes.continueAndIgnore()).get(0);
        assertThat(closed.bar().trades()).as("closed by the clock, with no later trade").isEqualTo(1);
    }

    @Test
    void aBackfillAskedForBeforeTheRestartDoesNotHoldBackTheOnesAfterIt() {
        TestProbe<BackfillRequest> backfill = kit.createTestProbe();
        TestProbe<FeedRouter.Command> acks = kit.createTestProbe();
        ActorRef<SymbolActor.Command> symbol = kit.spawn(SymbolActor.create(SYMBOL, new SymbolActor.Environment(
                settings, clock, kit.<SymbolActor.SymbolUpdate>createTestProbe().ref(), metrics, backfill.ref())));
        long restartsBefore = metrics.restarts();

        trade(symbol, clock, acks);
        BackfillRequest warmUp = backfill.expectMessageClass(BackfillRequest.class, WAIT);
        // The warm-up is never answered; the minute's close then fails to persist.
        journal.failNextPersisted();
        await("the failed write restarted the symbol").atMost(WAIT).until(() -> metrics.restarts() > restartsBefore);

        trade(symbol, clock, acks);
        BackfillRequest afterRestart = backfill.expectMessageClass(BackfillRequest.class, WAIT);
        assertThat(afterRestart.toMillis()).as("asked for anew, not queued behind " + warmUp)
                .isGreaterThan(warmUp.toMillis());
    }

    /** One trade now; the start of its minute. */
    private static long trade(ActorRef<SymbolActor.Command> symbol, MarketClock clock,
                              TestProbe<FeedRouter.Command> acks) {
        long now = clock.now(Long.MIN_VALUE);
        symbol.tell(new SymbolActor.Ingest(List.of(Tick.of(SYMBOL, now, 30_000.0, 0.5, "polygon")),
                System.nanoTime(), acks.ref()));
        return now - Math.floorMod(now, Timeframe.M1.nominal().toMillis());
    }
}
