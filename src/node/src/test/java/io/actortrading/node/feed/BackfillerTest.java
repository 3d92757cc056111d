package io.actortrading.node.feed;

import com.typesafe.config.ConfigFactory;
import io.actortrading.feeds.ProviderReply;
import io.actortrading.feeds.live.MinuteHistory;
import io.actortrading.market.Bar;
import io.actortrading.market.MarketEvent;
import io.actortrading.market.Timeframe;
import io.actortrading.node.symbol.BackfillRequest;
import io.actortrading.node.symbol.SymbolActor;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class BackfillerTest {

    private static final ActorTestKit KIT = ActorTestKit.create("BackfillerTest",
            ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.load()));
    private static final long FROM = Instant.parse("2026-03-04T15:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000L;
    private static final long TO = FROM + 3 * MINUTE;
    private static final Duration BUDGET_FREES_IN = Duration.ofMillis(800);
    private static final Duration ANSWER = Duration.ofSeconds(10);

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    @Test
    void aRequestThatFindsTheBudgetExhaustedWaitsForItAndIsAnsweredWithTheBars() {
        BudgetedHistory polygon = BudgetedHistory.freeIn("polygon", BUDGET_FREES_IN);
        TestProbe<SymbolActor.Command> symbol = KIT.createTestProbe();
        ActorRef<Backfiller.Command> backfiller = spawn(polygon);

        backfiller.tell(new Backfiller.Fetch(new BackfillRequest("MSFT", FROM, TO, symbol.getRef())));

        SymbolActor.Backfilled filled = symbol.expectMessageClass(SymbolActor.Backfilled.class, ANSWER);
        assertThat(filled.minutes()).extracting(Bar::start).containsExactly(FROM, FROM + MINUTE, FROM + 2 * MINUTE);
        assertThat(filled.source()).isEqualTo("polygon");
        assertThat(polygon.throttled.get()).as("requests refused for budget before it freed").isPositive();
        assertThat(polygon.served.get()).isEqualTo(1);
    }

    @Test
    void aSymbolAskingAgainForTheWindowItWaitsForIsAnsweredOnceAndTheProviderAskedOnce() {
        BudgetedHistory polygon = BudgetedHistory.freeIn("polygon", BUDGET_FREES_IN);
        TestProbe<SymbolActor.Command> symbol = KIT.createTestProbe();
        ActorRef<Backfiller.Command> backfiller = spawn(polygon);

        BackfillRequest request = new BackfillRequest("MSFT", FROM, TO, symbol.getRef());
        backfiller.tell(new Backfiller.Fetch(request));
        backfiller.tell(new Backfiller.Fetch(request));

        symbol.expectMessageClass(SymbolActor.Backfilled.class, ANSWER);
        symbol.expectNoMessage(BUDGET_FREES_IN.multipliedBy(2));
        assertThat(polygon.served.get()).isEqualTo(1);
    }

    @Test
    void aSymbolsNewerWindowReplacesItsQueuedOlderOne() {
        BudgetedHistory polygon = BudgetedHistory.freeIn("polygon", BUDGET_FREES_IN);
        TestProbe<SymbolActor.Command> first = KIT.createTestProbe();
        TestProbe<SymbolActor.Command> symbol = KIT.createTestProbe();
        ActorRef<Backfiller.Command> backfiller = KIT.spawn(Backfiller.create(
                new Backfiller.Settings(List.of("polygon"), 1, 10, Duration.ofMinutes(1)), List.of(polygon)));

        backfiller.tell(new Backfiller.Fetch(new BackfillRequest("AAPL", FROM, TO, first.getRef())));
        backfiller.tell(new Backfiller.Fetch(new BackfillRequest("MSFT", FROM, FROM + MINUTE, symbol.getRef())));
        backfiller.tell(new Backfiller.Fetch(new BackfillRequest("MSFT", FROM, TO, symbol.getRef())));

        first.expectMessageClass(SymbolActor.Backfilled.class, ANSWER);
        SymbolActor.Backfilled filled = symbol.expectMessageClass(SymbolActor.Backfilled.class, ANSWER);
        assertThat(filled.toMillis()).as("the newer window").isEqualTo(TO);
        symbol.expectNoMessage(BUDGET_FREES_IN);
        assertThat(polygon.served.get()).isEqualTo(2);
    }

    @Test
    void aBudgetThatFreesTooLateFailsTheRequestWithEveryProvidersReason() {
        BudgetedHistory polygon = BudgetedHistory.freeIn("polygon", Duration.ofHours(1));
        TestProbe<SymbolActor.Command> symbol = KIT.createTestProbe();
        ActorRef<Backfiller.Command> backfiller = spawn(polygon);

        backfiller.tell(new Backfiller.Fetch(new BackfillRequest("MSFT", FROM, TO, symbol.getRef())));

        SymbolActor.BackfillFailed failed = symbol.expectMessageClass(SymbolActor.BackfillFailed.class, ANSWER);
        assertThat(failed.reason()).isEqualTo("polygon: THROTTLED rate budget exhausted");
        assertThat(polygon.served.get()).isZero();
    }

    @Test
    void aProviderOutOfBudgetFallsBackToTheNextOneAtOnce() {
        BudgetedHistory polygon = BudgetedHistory.freeIn("polygon", Duration.ofHours(1));
        BudgetedHistory yahoo = BudgetedHistory.freeIn("yahoo", Duration.ZERO);
        TestProbe<SymbolActor.Command> symbol = KIT.createTestProbe();
        ActorRef<Backfiller.Command> backfiller = spawn(polygon, yahoo);

        backfiller.tell(new Backfiller.Fetch(new BackfillRequest("MSFT", FROM, TO, symbol.getRef())));

        SymbolActor.Backfilled filled = symbol.expectMessageClass(SymbolActor.Backfilled.class, ANSWER);
        assertThat(filled.source()).isEqualTo("yahoo");
        assertThat(polygon.throttled.get()).isEqualTo(1);
    }

    /** A backfiller asking {@code histories} in order, two at once, waiting up to a minute for a budget. */
    private static ActorRef<Backfiller.Command> spawn(MinuteHistory... histories) {
        return KIT.spawn(Backfiller.create(new Backfiller.Settings(List.of("polygon", "yahoo"), 2, 10,
                Duration.ofMinutes(1)), List.of(histories)));
    }

    /** A provider whose request budget is spent until {@code freeAt} (wall milliseconds). */
    private static final class BudgetedHistory implements MinuteHistory {
        private final String source;
        private final long freeAt;
        private final AtomicInteger throttled = new AtomicInteger();
        private final AtomicInteger served = new AtomicInteger();

        private BudgetedHistory(String source, long freeAt) {
            this.source = source;
            this.freeAt = freeAt;
        }

        static BudgetedHistory freeIn(String source, Duration wait) {
            return new BudgetedHistory(source, System.currentTimeMillis() + wait.toMillis());
        }

        @Override
        public String source() {
            return source;
        }

        @Override
        public CompletionStage<ProviderReply> minutes(String symbol, long fromMillis, long toMillis) {
            if (System.currentTimeMillis() < freeAt) {
                throttled.incrementAndGet();
                return CompletableFuture.completedFuture(new ProviderReply.Failure(ProviderReply.FailureKind.THROTTLED,
                        "rate budget exhausted"));
            }
            served.incrementAndGet();
            List<MarketEvent> bars = new ArrayList<>();
            for (long start = fromMillis; start < toMillis; start += MINUTE) {
                bars.add(new Bar(symbol, Timeframe.M1, start, start + MINUTE, 10, 11, 9, 10.5, 100, 10.2, 3, source));
            }
            return CompletableFuture.completedFuture(new ProviderReply.Data(bars, null, false, 0));
        }

        @Override
        public Duration budgetWait(long nowMillis) {
            return Duration.ofMillis(Math.max(0, freeAt - nowMillis));
        }
    }
}
