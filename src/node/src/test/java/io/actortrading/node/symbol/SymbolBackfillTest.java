package io.actortrading.node.symbol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.actortrading.market.Bar;
import io.actortrading.market.MarketEvent;
import io.actortrading.market.Tick;
import io.actortrading.market.Timeframe;
import io.actortrading.node.clock.MarketClock;
import io.actortrading.node.feed.FeedRouter;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gaps, backfill merges, warm-up and the cross-source check of a symbol actor on the real embedded
 * journal (H2 in a temporary directory), with a test probe standing in for the backfill service.
 * Event time only: a crypto symbol trades around the clock, the equity has an explicit session day.
 */
class SymbolBackfillTest {

    private static final String SYMBOL = "BTC-USD";
    private static final String ACTIVE = "polygon";
    private static final long START = Instant.parse("2026-03-02T14:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000L;
    private static final int TICKS_PER_MINUTE = 12;
    private static final int MINUTES = 75;
    private static final int BOUNDARY = 39;
    private static final int FIRST_AFTER_GAP = 43;
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Fields a gap is meant to change: what was counted and the gap bookkeeping itself. */
    private static final String[] BOOKKEEPING = {"counters", "quality", "gaps", "standbyEvents"};

    @TempDir
    Path dir;

    private JournalKits kits;

    @BeforeEach
    void journals() {
        kits = new JournalKits(dir);
    }

    @AfterEach
    void shutDown() {
        kits.shutDown();
    }

    /** No snapshots (a restart replays the whole journal), no warm-up, quick retries; {@code overrides} over that. */
    private ActorTestKit kit(String name, String overrides) {
        return kits.kit(name, """
                actortrading.symbol.snapshot-every = 100000
                actortrading.symbol.backfill.warmup-minutes = 0
                actortrading.symbol.backfill.retry.min-backoff = 20ms
                actortrading.symbol.backfill.retry.max-backoff = 50ms
                """ + overrides);
    }

    private static SymbolActor.Environment environment(ActorTestKit kit, ActorRef<SymbolActor.SymbolUpdate> listener,
                                                       ActorRef<BackfillRequest> backfill) {
        return new SymbolActor.Environment(JournalKits.settings(kit), new MarketClock.EventTime(), listener,
                IngestMetrics.get(kit.system()), backfill);
    }

    /** Collects what a symbol announces. */
    private static final class Announced {
        final List<SymbolActor.BarUpdate> updates = new CopyOnWriteArrayList<>();

        Behavior<SymbolActor.SymbolUpdate> behavior() {
            return Behaviors.receiveMessage(update -> {
                if (update instanceof SymbolActor.BarUpdate bar) {
                    updates.add(bar);
                }
                return Behaviors.same();
            });
        }

        List<Bar> minutes(long from, long to, boolean revision) {
            return updates.stream().filter(u -> u.revision() == revision).map(SymbolActor.BarUpdate::bar)
                    .filter(b -> b.timeframe() == Timeframe.M1 && b.start() >= from && b.start() < to).toList();
        }
    }

    /** A random walk of trades, {@code TICKS_PER_MINUTE} a minute from {@code start}. */
    private static List<Tick> trades(String symbol, long start, int minutes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Tick> ticks = new ArrayList<>();
        double price = 30_000;
        for (int m = 0; m < minutes; m++) {
            for (int i = 0; i < TICKS_PER_MINUTE; i++) {
                price *= 1 + random.nextGaussian() * 0.001;
                long ts = start + m * MINUTE + i * (MINUTE / TICKS_PER_MINUTE) + random.nextInt(1000);
                ticks.add(Tick.of(symbol, ts, price, 0.01 + random.nextDouble(), ACTIVE));
            }
        }
        return ticks;
    }

    private static List<List<MarketEvent>> batches(List<? extends MarketEvent> events) {
        List<List<MarketEvent>> batches = new ArrayList<>();
        for (int i = 0; i < events.size(); i += 5) {
            batches.add(List.copyOf(events.subList(i, Math.min(events.size(), i + 5))));
        }
        return batches;
    }

    private static void feed(ActorRef<SymbolActor.Command> symbol, List<? extends MarketEvent> events,
                             ActorRef<FeedRouter.Command> ack) {
        for (List<MarketEvent> batch : batches(events)) {
            symbol.tell(new SymbolActor.Ingest(batch, System.nanoTime(), ack));
        }
    }

    private static SymbolView view(ActorTestKit kit, ActorRef<SymbolActor.Command> symbol) {
        TestProbe<SymbolView> probe = kit.createTestProbe();
        symbol.tell(new SymbolActor.GetView(probe.ref()));
        return probe.receiveMessage(WAIT);
    }

    private static long minute(int m) {
        return START + m * MINUTE;
    }

    /** The trades a dropped connection delivers: the boundary minute's first half, nothing until the minute after the gap. */
    private static List<Tick> withGap(List<Tick> all) {
        return all.stream().filter(t -> t.timestamp() < minute(BOUNDARY) + MINUTE / 2
                || t.timestamp() >= minute(FIRST_AFTER_GAP)).toList();
    }

    /** The uninterrupted twin: every trade, no backfill service; its announced minutes stand for the REST answer. */
    private record Twin(SymbolView view, Announced announced) {
    }

    private Twin twin(List<Tick> all) {
        ActorTestKit kit = kit("twin", "");
        Announced announced = new Announced();
        ActorRef<SymbolActor.Command> twin = kit.spawn(SymbolActor.create(SYMBOL,
                environment(kit, kit.spawn(announced.behavior()), null)));
        feed(twin, all, kit.<FeedRouter.Command>createTestProbe().ref());
        return new Twin(view(kit, twin), announced);
    }

    @Test
    void aSymbolThatMissedThreeMinutesEndsEqualToAnUninterruptedTwinOnceTheBackfillIsMerged() {
        List<Tick> all = trades(SYMBOL, START, MINUTES, 7);
        Twin twin = twin(all);

        ActorTestKit kit = kit("gapped", "");
        TestProbe<BackfillRequest> backfill = kit.createTestProbe();
        Announced announced = new Announced();
        ActorRef<SymbolActor.Command> symbol = kit.spawn(SymbolActor.create(SYMBOL,
                environment(kit, kit.spawn(announced.behavior()), backfill.ref())));
        feed(symbol, withGap(all), kit.<FeedRouter.Command>createTestProbe().ref());
        SymbolView beforeMerge = view(kit, symbol);

        BackfillRequest request = backfill.expectMessageClass(BackfillRequest.class, WAIT);
        assertThat(request.symbol()).isEqualTo(SYMBOL);
        assertThat(request.fromMillis()).as("from the partial boundary minute").isEqualTo(minute(BOUNDARY));
        assertThat(request.toMillis()).as("to the first minute after the gap").isEqualTo(minute(FIRST_AFTER_GAP));
        assertThat(beforeMerge.gaps().detected()).isEqualTo(1);
        assertThat(beforeMerge.gaps().pending()).isEqualTo(new SymbolView.Window(minute(BOUNDARY), minute(FIRST_AFTER_GAP)));
        assertThat(beforeMerge.indicators()).as("the gap shows before the merge").isNotEqualTo(twin.view().indicators());

        symbol.tell(new SymbolActor.Backfilled(request.fromMillis(), request.toMillis(),
                twin.announced().minutes(request.fromMillis(), request.toMillis(), false), "polygon-rest"));
        SymbolView merged = view(kit, symbol);

        assertThat(merged.features()).as("features are warm after 75 minutes").isNotNull();
        assertThat(merged.closed()).as("1m and higher closed bars").extracting(Bar::timeframe)
                .contains(Timeframe.M1, Timeframe.M5, Timeframe.M15, Timeframe.H1);
        assertThat(merged).usingRecursiveComparison().ignoringFields(BOOKKEEPING).isEqualTo(twin.view());
        assertThat(merged.gaps()).isEqualTo(new SymbolView.Gaps(1, 1, 0, 0, null));
        List<Bar> revisedFiveMinutes = announced.updates.stream().filter(SymbolActor.BarUpdate::revision)
                .map(SymbolActor.BarUpdate::bar).filter(b -> b.timeframe() == Timeframe.M5).toList();
        List<Bar> twinFiveMinutes = twin.announced().updates.stream().map(SymbolActor.BarUpdate::bar)
                .filter(b -> b.timeframe() == Timeframe.M5 && b.end() > minute(BOUNDARY)).toList();
        assertThat(revisedFiveMinutes).as("every 5m bar from the gap on, re-announced as the twin's")
                .isEqualTo(twinFiveMinutes);
    }

    @Test
    void theBoundaryMinuteThatWasPartialIsReplacedByTheBackfilledOne() {
        List<Tick> all = trades(SYMBOL, START, MINUTES, 5);
        Twin twin = twin(all);
        Bar complete = twin.announced().minutes(minute(BOUNDARY), minute(BOUNDARY + 1), false).get(0);

        ActorTestKit kit = kit("boundary", "");
        TestProbe<BackfillRequest> backfill = kit.createTestProbe();
        Announced announced = new Announced();
        ActorRef<SymbolActor.Command> symbol = kit.spawn(SymbolActor.create(SYMBOL,
                environment(kit, kit.spawn(announced.behavior()), backfill.ref())));
        feed(symbol, withGap(all), kit.<FeedRouter.Command>createTestProbe().ref());
        BackfillRequest request = backfill.expectMessageClass(BackfillRequest.class, WAIT);
        view(kit, symbol);
        Bar partial = announced.minutes(minute(BOUNDARY), minute(BOUNDARY + 1), false).get(0);
        assertThat(partial.volume()).as("the boundary minute lost its second half").isLessThan(complete.volume());

        symbol.tell(new SymbolActor.Backfilled(request.fromMillis(), request.toMillis(),
                twin.announced().minutes(request.fromMillis(), request.toMillis(), false), "polygon-rest"));
        view(kit, symbol);

        assertThat(announced.minutes(minute(BOUNDARY), minute(FIRST_AFTER_GAP), true))
                .as("the boundary minute and the three missing ones, re-announced")
                .isEqualTo(twin.announced().minutes(minute(BOUNDARY), minute(FIRST_AFTER_GAP), false));
        assertThat(announced.minutes(minute(BOUNDARY), minute(BOUNDARY + 1), true)).containsExactly(complete);
    }

    @Test
    void aRestartAfterTheMergeRecoversTheMergedStateFromTheJournal() {
        List<Tick> all = trades(SYMBOL, START, MINUTES, 9);
        Twin twin = twin(all);

        ActorTestKit kit = kit("restart", "");
        TestProbe<BackfillRequest> backfill = kit.createTestProbe();
        TestProbe<FeedRouter.Command> acks = kit.createTestProbe();
        ActorRef<SymbolActor.Command> symbol = kit.spawn(SymbolActor.create(SYMBOL,
                environment(kit, kit.<SymbolActor.SymbolUpdate>createTestProbe().ref(), backfill.ref())));
        feed(symbol, withGap(all), acks.ref());
        BackfillRequest request = backfill.expectMessageClass(BackfillRequest.class, WAIT);
        symbol.tell(new SymbolActor.Backfilled(request.fromMillis(), request.toMillis(),
                twin.announced().minutes(request.fromMillis(), request.toMillis(), false), "polygon-rest"));
        SymbolView merged = view(kit, symbol);

        // A poison message restarts the actor, which replays its whole journal (no snapshot was taken).
        symbol.tell(new SymbolActor.Ingest(null, System.nanoTime(), acks.ref()));
        SymbolView recovered = view(kit, symbol);

        assertThat(recovered.counters().ticks()).as("the restart really lost the in-memory state").isZero();
        assertThat(recovered).usingRecursiveComparison()
                .comparingOnlyFields("closed", "indicators", "features", "featuresAt", "ready")
                .isEqualTo(merged);
        assertThat(recovered.closed()).isEqualTo(twin.view().closed());
        assertThat(recovered.gaps().filled()).as("the GapFilled event was replayed").isEqualTo(1);
    }

    @Test
    void aSymbolRestartedAfterPartialMinutesAsksForThemAgainWithItsFirstGapAndEndsEqualToTheTwin() {
        List<Tick> all = trades(SYMBOL, START, MINUTES, 13);
        Twin twin = twin(all);
        int crashed = 38;
        int resumed = 41;
        // Minutes 36 and 37 lost their second halves (trades in flight when the journal failed), and the
        // symbol died while 38 was forming; it is back for minute 41.
        List<Tick> beforeCrash = all.stream().filter(t -> t.timestamp() < minute(crashed) + MINUTE / 2
                && !(t.timestamp() >= minute(36) + MINUTE / 2 && t.timestamp() < minute(36) + MINUTE)
                && !(t.timestamp() >= minute(37) + MINUTE / 2 && t.timestamp() < minute(37) + MINUTE)).toList();
        List<Tick> afterRestart = all.stream().filter(t -> t.timestamp() >= minute(resumed)).toList();

        ActorTestKit kit = kit("recheck", "actortrading.symbol.backfill.recheck-after-recovery = 10");
        TestProbe<BackfillRequest> backfill = kit.createTestProbe();
        TestProbe<FeedRouter.Command> acks = kit.createTestProbe();
        ActorRef<SymbolActor.Command> symbol = kit.spawn(SymbolActor.create(SYMBOL,
                environment(kit, kit.<SymbolActor.SymbolUpdate>createTestProbe().ref(), backfill.ref())));
        feed(symbol, beforeCrash, acks.ref());
        view(kit, symbol);
        // A poison message restarts the actor, which replays its whole journal (no snapshot was taken).
        symbol.tell(new SymbolActor.Ingest(null, System.nanoTime(), acks.ref()));
        assertThat(view(kit, symbol).counters().ticks()).as("the restart lost the in-memory state").isZero();
        feed(symbol, afterRestart, acks.ref());

        BackfillRequest request = backfill.expectMessageClass(BackfillRequest.class, WAIT);
        assertThat(request.fromMillis()).as("the ten minutes through the last one recovered (37)").isEqualTo(minute(28));
        assertThat(request.toMillis()).isEqualTo(minute(resumed));
        symbol.tell(new SymbolActor.Backfilled(request.fromMillis(), request.toMillis(),
                twin.announced().minutes(request.fromMillis(), request.toMillis(), false), "polygon-rest"));
        SymbolView merged = view(kit, symbol);

        assertThat(merged).usingRecursiveComparison().ignoringFields(BOOKKEEPING).isEqualTo(twin.view());
        assertThat(merged.gaps()).isEqualTo(new SymbolView.Gaps(1, 1, 0, 0, null));
    }

    @Test
    void noGapIsAskedForAcrossAWeekendOrANightOfAnEquityNorForConsecutiveMinutes() {
        ActorTestKit kit = kit("sessions", "");
        TestProbe<BackfillRequest> backfill = kit.createTestProbe();
        TestProbe<FeedRouter.Command> acks = kit.createTestProbe();
        ActorRef<SymbolActor.SymbolUpdate> listener = kit.<SymbolActor.SymbolUpdate>createTestProbe().ref();
        long thursdayClose = Instant.parse("2026-02-26T20:57:00Z").toEpochMilli();
        long fridayOpen = Instant.parse("2026-02-27T14:30:00Z").toEpochMilli();
        long fridayClose = Instant.parse("2026-02-27T20:55:00Z").toEpochMilli();
        long mondayOpen = Instant.parse("2026-03-02T14:30:00Z").toEpochMilli();

        ActorRef<SymbolActor.Command> overnight = kit.spawn(SymbolActor.create("AAPL",
                environment(kit, listener, backfill.ref())));
        List<Tick> night = new ArrayList<>(equityTrades("AAPL", thursdayClose, 3, 1));
        night.addAll(equityTrades("AAPL", fridayOpen, 2, 2));
        feed(overnight, night, acks.ref());
        ActorRef<SymbolActor.Command> weekend = kit.spawn(SymbolActor.create("MSFT",
                environment(kit, listener, backfill.ref())));
        List<Tick> saturdayAndSunday = new ArrayList<>(equityTrades("MSFT", fridayClose, 5, 3));
        saturdayAndSunday.addAll(equityTrades("MSFT", mondayOpen, 3, 4));
        feed(weekend, saturdayAndSunday, acks.ref());
        ActorRef<SymbolActor.Command> crypto = kit.spawn(SymbolActor.create(SYMBOL,
                environment(kit, listener, backfill.ref())));
        feed(crypto, trades(SYMBOL, START, 10, 5), acks.ref());

        SymbolView afterNight = view(kit, overnight);
        SymbolView afterWeekend = view(kit, weekend);
        SymbolView consecutive = view(kit, crypto);
        backfill.expectNoMessage(Duration.ofMillis(300));
        assertThat(afterNight.closed()).extracting(Bar::start).as("Thursday's last minute and Friday's first closed")
                .contains(thursdayClose + 2 * MINUTE, fridayOpen);
        assertThat(afterWeekend.closed()).extracting(Bar::start).contains(fridayClose + 4 * MINUTE, mondayOpen);
        assertThat(List.of(afterNight.gaps(), afterWeekend.gaps(), consecutive.gaps()))
                .allSatisfy(gaps -> assertThat(gaps.detected()).isZero());

        feed(overnight, equityTrades("AAPL", fridayOpen + 6 * MINUTE, 1, 6), acks.ref());
        BackfillRequest midSession = backfill.expectMessageClass(BackfillRequest.class, WAIT);
        assertThat(midSession.fromMillis()).as("a mid-session jump of an equity is a gap")
                .isEqualTo(fridayOpen + MINUTE);
        assertThat(midSession.toMillis()).isEqualTo(fridayOpen + 6 * MINUTE);
    }

    private static List<Tick> equityTrades(String symbol, long start, int minutes, long seed) {
        return trades(symbol, start, minutes, seed).stream()
                .map(t -> Tick.of(symbol, t.timestamp(), t.price() / 100, t.size(), ACTIVE)).toList();
    }

    @Test
    void aFailedBackfillIsRetriedThenCountedUnfilledAndTheSymbolKeepsRunning() {
        ActorTestKit kit = kit("failing", "actortrading.symbol.backfill.retry.max-attempts = 3");
        TestProbe<BackfillRequest> backfill = kit.createTestProbe();
        TestProbe<FeedRouter.Command> acks = kit.createTestProbe();
        ActorRef<SymbolActor.Command> symbol = kit.spawn(SymbolActor.create(SYMBOL,
                environment(kit, kit.<SymbolActor.SymbolUpdate>createTestProbe().ref(), backfill.ref())));
        List<Tick> all = trades(SYMBOL, START, 20, 13);
        feed(symbol, all.stream().filter(t -> t.timestamp() < minute(5) || t.timestamp() >= minute(8)
                && t.timestamp() < minute(12)).toList(), acks.ref());

        for (int attempt = 1; attempt <= 3; attempt++) {
            BackfillRequest request = backfill.expectMessageClass(BackfillRequest.class, WAIT);
            assertThat(request.fromMillis()).as("attempt %d asks for the same window", attempt).isEqualTo(minute(4));
            assertThat(request.toMillis()).isEqualTo(minute(8));
            symbol.tell(new SymbolActor.BackfillFailed(request.fromMillis(), request.toMillis(), "HTTP 503"));
        }
        backfill.expectNoMessage(Duration.ofMillis(300));
        SymbolView gaveUp = view(kit, symbol);
        assertThat(gaveUp.gaps()).as("three missing minutes, given up")
                .isEqualTo(new SymbolView.Gaps(1, 0, 1, 3, null));

        feed(symbol, all.stream().filter(t -> t.timestamp() >= minute(12)).toList(), acks.ref());
        SymbolView running = view(kit, symbol);
        assertThat(running.closed().stream().filter(b -> b.timeframe() == Timeframe.M1).mapToLong(Bar::start).max())
                .as("minutes still close after the give-up").hasValue(minute(18));
    }

    @Test
    void aSymbolAddedAtRuntimeAsksForItsWarmUpAndIsReadyOnlyAfterIt() {
        ActorTestKit kit = kit("warmup", "actortrading.symbol.backfill.warmup-minutes = auto");
        TestProbe<BackfillRequest> backfill = kit.createTestProbe();
        TestProbe<FeedRouter.Command> acks = kit.createTestProbe();
        ActorRef<SymbolActor.Command> symbol = kit.spawn(SymbolActor.create("ETH-USD",
                environment(kit, kit.<SymbolActor.SymbolUpdate>createTestProbe().ref(), backfill.ref())));
        long live = START + 2 * 60 * MINUTE;
        feed(symbol, trades("ETH-USD", live, 2, 17), acks.ref());

        BackfillRequest request = backfill.expectMessageClass(BackfillRequest.class, WAIT);
        int warmup = BackfillSettings.MINUTES_TO_WARM + 10;
        assertThat(request.fromMillis()).isEqualTo(live - warmup * MINUTE);
        assertThat(request.toMillis()).isEqualTo(live);
        SymbolView waiting = view(kit, symbol);
        assertThat(waiting.warmingUp()).isTrue();
        assertThat(waiting.ready()).isFalse();

        List<Bar> history = new ArrayList<>();
        List<Tick> earlier = trades("ETH-USD", request.fromMillis(), warmup, 19);
        for (int m = 0; m < warmup; m++) {
            long start = request.fromMillis() + m * MINUTE;
            List<Tick> inMinute = earlier.stream().filter(t -> t.timestamp() >= start && t.timestamp() < start + MINUTE).toList();
            double high = inMinute.stream().mapToDouble(Tick::price).max().orElseThrow();
            double low = inMinute.stream().mapToDouble(Tick::price).min().orElseThrow();
            double volume = inMinute.stream().mapToDouble(Tick::size).sum();
            history.add(new Bar("ETH-USD", Timeframe.M1, start, start + MINUTE, inMinute.get(0).price(), high, low,
                    inMinute.get(inMinute.size() - 1).price(), volume, (high + low) / 2, inMinute.size(), "polygon-rest"));
        }
        symbol.tell(new SymbolActor.Backfilled(request.fromMillis(), request.toMillis(), history, "polygon-rest"));
        SymbolView warm = view(kit, symbol);

        assertThat(warm.warmingUp()).isFalse();
        assertThat(warm.ready()).isTrue();
        assertThat(warm.features()).isNotNull();
        assertThat(warm.indicators().get("1m")).doesNotContainValue(null);
        assertThat(warm.gaps()).as("a warm-up is no gap").isEqualTo(new SymbolView.Gaps(0, 1, 0, 0, null));
    }

    @Test
    void aStandbyPriceOffByTwoTenthsOfAPercentIsADiscrepancyAndOneOffByFiveHundredthsIsNotAndNeitherMovesCandles() {
        ActorTestKit kit = kit("standby", "");
        TestProbe<FeedRouter.Command> acks = kit.createTestProbe();
        ActorRef<SymbolActor.SymbolUpdate> listener = kit.<SymbolActor.SymbolUpdate>createTestProbe().ref();
        ActorRef<SymbolActor.Command> symbol = kit.spawn(SymbolActor.create(SYMBOL, environment(kit, listener, null)));
        ActorRef<SymbolActor.Command> twin = kit.spawn(SymbolActor.create("ETH-USD", environment(kit, listener, null)));
        SourceChoice choice = new SourceChoice(ACTIVE, List.of(ACTIVE, "yahoo", "twelvedata"));

        List<Tick> active = trades(SYMBOL, START, 3, 23);
        double close = active.stream().filter(t -> t.timestamp() < minute(1)).reduce((a, b) -> b).orElseThrow().price();
        List<MarketEvent> minuteZero = new ArrayList<>(active.stream().filter(t -> t.timestamp() < minute(1)).toList());
        minuteZero.add(Tick.of(SYMBOL, minute(0) + 30_000, close * 1.002, 1.0, "yahoo"));
        minuteZero.add(new Bar(SYMBOL, Timeframe.M1, minute(0), minute(1), close, close * 1.001, close * 0.999,
                close * 1.0005, 3.0, close, 7, "twelvedata"));
        // arrives last but traded earlier: not the standby source's latest price of the minute
        minuteZero.add(Tick.of(SYMBOL, minute(0) + 20_000, close * 1.5, 1.0, "yahoo"));
        symbol.tell(new SymbolActor.Ingest(minuteZero, System.nanoTime(), acks.ref(), choice));
        List<MarketEvent> rest = new ArrayList<>(active.stream().filter(t -> t.timestamp() >= minute(1)).toList());
        symbol.tell(new SymbolActor.Ingest(rest, System.nanoTime(), acks.ref(), choice));
        SymbolView checked = view(kit, symbol);

        assertThat(checked.discrepancies().count()).isEqualTo(1);
        assertThat(checked.discrepancies().last())
                .isEqualTo(new SymbolView.Discrepancy(minute(0), ACTIVE, close, "yahoo", close * 1.002));
        assertThat(checked.standbyEvents()).isEqualTo(3);
        assertThat(checked.activeSource()).isEqualTo(ACTIVE);
        assertThat(checked.sourceOrder()).containsExactly(ACTIVE, "yahoo", "twelvedata");

        feed(twin, active.stream().map(t -> Tick.of("ETH-USD", t.timestamp(), t.price(), t.size(), ACTIVE)).toList(),
                acks.ref());
        SymbolView alone = view(kit, twin);
        assertThat(checked.counters().barsClosed()).isPositive();
        assertThat(prices(checked.forming())).isEqualTo(prices(alone.forming()));
        assertThat(prices(checked.closed())).as("standby events never change candles").isEqualTo(prices(alone.closed()));
        assertThat(checked.indicators()).isEqualTo(alone.indicators());
    }

    private static List<List<Double>> prices(List<Bar> bars) {
        return bars.stream().map(b -> List.of((double) b.start(), b.open(), b.high(), b.low(), b.close(), b.volume(),
                b.vwap())).toList();
    }

    @Test
    void theViewKeepsItsCamelCaseJsonFieldNames() {
        SymbolView view = new SymbolView("BTC-USD", "CRYPTO", "UTC", 1.0, 2L, 1.0,
                new SymbolView.Counters(0, 0, 0, 0, 0, Map.of(), 0), List.of(), List.of(), Map.of(),
                List.of(), null, 0L, ACTIVE, List.of(ACTIVE, "yahoo"), 4,
                new SymbolView.Discrepancies(1, new SymbolView.Discrepancy(0L, ACTIVE, 1.0, "yahoo", 1.01)),
                new SymbolView.Gaps(2, 1, 1, 3, new SymbolView.Window(0L, MINUTE)), true, false);
        JsonNode json = new ObjectMapper().valueToTree(view);

        assertThat(json.fieldNames()).toIterable().contains("activeSource", "sourceOrder", "standbyEvents",
                "discrepancies", "gaps", "ready", "warmingUp");
        assertThat(json.get("discrepancies").get("last").fieldNames()).toIterable()
                .containsExactly("minute", "activeSource", "activePrice", "otherSource", "otherPrice");
        assertThat(json.get("gaps").fieldNames()).toIterable()
                .containsExactly("detected", "filled", "unfilled", "unfilledMinutes", "pending");
        assertThat(json.get("gaps").get("pending").fieldNames()).toIterable().containsExactly("from", "to");
    }

    @Test
    void theBackfillProtocolCrossesNodesThroughTheClusterSerializer() {
        ActorTestKit kit = kit("wire", "");
        TestProbe<SymbolActor.Command> replyTo = kit.createTestProbe();
        Bar bar = new Bar(SYMBOL, Timeframe.M1, START, START + MINUTE, 1.0, 2.0, 0.5, 1.5, 10.0, 1.25, 3, "polygon-rest");
        List<Object> messages = List.of(new BackfillRequest(SYMBOL, START, START + MINUTE, replyTo.ref()),
                new SymbolActor.Backfilled(START, START + MINUTE, List.of(bar), "polygon-rest"),
                new SymbolActor.BackfillFailed(START, START + MINUTE, "HTTP 429"),
                new SymbolActor.RetryBackfill(START, START + MINUTE));
        Serialization serialization = SerializationExtension.get(kit.system().classicSystem());

        for (Object message : messages) {
            byte[] bytes = serialization.serialize(message).get();
            Serializer serializer = serialization.findSerializerFor(message);
            String manifest = Serializers.manifestFor(serializer, message);
            Object back = serialization.deserialize(bytes, serializer.identifier(), manifest).get();
            assertThat(back).as(message.getClass().getSimpleName()).isEqualTo(message);
        }
    }
}
