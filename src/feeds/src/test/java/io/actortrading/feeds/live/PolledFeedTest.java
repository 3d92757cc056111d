package io.actortrading.feeds.live;

import com.typesafe.config.ConfigFactory;
import io.actortrading.feeds.ProviderReply;
import io.actortrading.feeds.ProviderReply.FailureKind;
import io.actortrading.feeds.rest.LoopbackProvider;
import io.actortrading.feeds.rest.LoopbackProvider.Answer;
import io.actortrading.feeds.rest.LoopbackProvider.Received;
import io.actortrading.feeds.rest.ProviderFixtures;
import io.actortrading.feeds.yahoo.YahooChartHistory;
import io.actortrading.feeds.yahoo.YahooCharts;
import io.actortrading.market.Bar;
import io.actortrading.market.MarketEvent;
import io.actortrading.market.Timeframe;
import io.actortrading.market.symbols.SymbolMapping;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PolledFeedTest {

    private static final ActorTestKit KIT = ActorTestKit.create(ConfigFactory
            .parseString("actortrading.feeds.polling.first-lookback = 3m")
            .withFallback(ConfigFactory.load()));
    private static final long MINUTE = 60_000L;
    /** 2026-03-02 10:00 New York, thirty seconds into the minute. */
    private static final long START = Instant.parse("2026-03-02T15:00:30Z").toEpochMilli();
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final AtomicLong clock = new AtomicLong(START);
    private final ConcurrentLinkedQueue<MarketEvent> delivered = new ConcurrentLinkedQueue<>();
    private final TestProbe<SourceHealth> health = KIT.createTestProbe();
    private final List<LoopbackProvider> servers = new ArrayList<>();

    @AfterAll
    static void stopKit() {
        KIT.shutdownTestKit();
    }

    @AfterEach
    void stopServers() {
        servers.forEach(LoopbackProvider::close);
    }

    @Test
    void deliversEveryCompletedMinuteOnceAsTheClockMoves() {
        LoopbackProvider yahoo = server(this::everyMinuteSoFar);
        ProviderGate gate = gate(yahoo, "");
        ActorRef<PolledFeed.Command> feed = spawn(gate, new YahooChartHistory(KIT.system(), gate,
                SymbolMapping.standard(), clock::get));

        feed.tell(new PolledFeed.Subscribe(Set.of("AAPL", "MSFT")));
        await().atMost(PATIENCE).until(() -> delivered.size() == 6);
        clock.addAndGet(2 * MINUTE);
        await().atMost(PATIENCE).until(() -> delivered.size() == 10);
        int requests = yahoo.requestCount();
        clock.addAndGet(MINUTE / 4);
        await().during(Duration.ofMillis(500)).atMost(PATIENCE).until(() -> delivered.size() == 10);

        long firstMinute = minute(START) - 3 * MINUTE;
        assertThat(startsOf("AAPL")).containsExactlyElementsOf(minuteStarts(firstMinute, 5));
        assertThat(startsOf("MSFT")).containsExactlyElementsOf(minuteStarts(firstMinute, 5));
        assertThat(requests).isEqualTo(4);
        assertThat(yahoo.requestCount()).isEqualTo(requests);
    }

    @Test
    void answersThatOverlapEarlierOnesDeliverOnlyTheNewMinutes() {
        AtomicLong asked = new AtomicLong();
        MinuteHistory overlapping = new MinuteHistory() {
            @Override
            public String source() {
                return "yahoo";
            }

            @Override
            public CompletionStage<ProviderReply> minutes(String symbol, long fromMillis, long toMillis) {
                asked.incrementAndGet();
                int count = (int) ((toMillis - minute(START)) / MINUTE) + 10;
                List<MarketEvent> bars = minuteStarts(minute(START) - 10 * MINUTE, count).stream()
                        .map(start -> (MarketEvent) bar(symbol, start)).toList();
                return CompletableFuture.completedFuture(new ProviderReply.Data(bars, null, false, 0));
            }
        };
        LoopbackProvider notAsked = server(request -> Answer.of(500, ""));
        ActorRef<PolledFeed.Command> feed = spawn(gate(notAsked, ""), overlapping);

        feed.tell(new PolledFeed.Subscribe(Set.of("NVDA")));
        await().atMost(PATIENCE).until(() -> delivered.size() == 10);
        clock.addAndGet(3 * MINUTE);
        await().atMost(PATIENCE).until(() -> asked.get() >= 2 && delivered.size() == 13);

        assertThat(startsOf("NVDA")).containsExactlyElementsOf(minuteStarts(minute(START) - 10 * MINUTE, 13));
    }

    @Test
    void reportsEveryChangeOfStateAndBreakerToHealth() {
        AtomicReference<Function<Received, Answer>> answer = new AtomicReference<>(this::everyMinuteSoFar);
        LoopbackProvider yahoo = server(request -> answer.get().apply(request));
        ProviderGate gate = gate(yahoo, "retry.max-attempts = 1\nbreaker { max-failures = 2, reset-timeout = 500ms }");
        ActorRef<PolledFeed.Command> feed = spawn(gate, new YahooChartHistory(KIT.system(), gate,
                SymbolMapping.standard(), clock::get));
        expectHealth(ConnectionState.IDLE, BreakerState.CLOSED);

        feed.tell(new PolledFeed.Subscribe(Set.of("AAPL")));
        expectHealth(ConnectionState.POLLING, BreakerState.CLOSED);
        await().atMost(PATIENCE).until(() -> delivered.size() == 3);

        answer.set(request -> Answer.of(503, "upstream unavailable"));
        clock.addAndGet(MINUTE);
        expectHealth(ConnectionState.BACKOFF, BreakerState.CLOSED);
        long failures = yahoo.requestCount();
        clock.addAndGet(MINUTE);
        expectHealth(ConnectionState.BREAKER_OPEN, BreakerState.OPEN);
        long opened = System.nanoTime();
        assertThat(yahoo.requestCount()).isEqualTo(failures + 1);

        answer.set(this::everyMinuteSoFar);
        expectHealth(ConnectionState.BREAKER_OPEN, BreakerState.HALF_OPEN);
        assertThat(Duration.ofNanos(System.nanoTime() - opened)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(yahoo.requestCount()).isEqualTo(failures + 1);
        expectRecoveredByTheProbe();
        await().atMost(PATIENCE).until(() -> delivered.size() == 5);

        feed.tell(new PolledFeed.Subscribe(Set.of()));
        expectHealth(ConnectionState.IDLE, BreakerState.CLOSED);
    }

    @Test
    void aRefusedKeyFailsTheSourceAndIsRetriedOnlyAfterFatalRetry() {
        LoopbackProvider yahoo = server(request -> Answer.of(401,
                "{\"chart\":{\"result\":null,\"error\":{\"code\":\"Unauthorized\",\"description\":\"Invalid Cookie\"}}}"));
        ProviderGate gate = gate(yahoo, "fatal-retry = 1s");
        ActorRef<PolledFeed.Command> feed = spawn(gate, new YahooChartHistory(KIT.system(), gate,
                SymbolMapping.standard(), clock::get));
        expectHealth(ConnectionState.IDLE, BreakerState.CLOSED);

        feed.tell(new PolledFeed.Subscribe(Set.of("AAPL", "MSFT")));
        expectHealth(ConnectionState.POLLING, BreakerState.CLOSED);
        SourceHealth failed = expectHealth(ConnectionState.FAILED, BreakerState.CLOSED);
        long failedAt = System.nanoTime();

        assertThat(failed.detail()).contains("Invalid Cookie");
        await().during(Duration.ofMillis(600)).atMost(PATIENCE).until(() -> yahoo.requestCount() == 1);
        await().atMost(PATIENCE).until(() -> yahoo.requestCount() == 2);
        assertThat(Duration.ofNanos(System.nanoTime() - failedAt)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        await().during(Duration.ofMillis(300)).atMost(PATIENCE).until(() -> yahoo.requestCount() == 2);
    }

    @Test
    void statusShowsDeliveriesErrorsBudgetAndSymbolsAndAnUnknownSymbolIsNotAskedForAgain() {
        LoopbackProvider yahoo = server(request -> request.path().endsWith("/ZZZZ")
                ? Answer.of(404, "{\"chart\":{\"result\":null,\"error\":{\"code\":\"Not Found\","
                        + "\"description\":\"No data found, symbol may be delisted\"}}}")
                : everyMinuteSoFar(request));
        ProviderGate gate = gate(yahoo, "rate-limits = [{ limit = 1000, per = 1d }]");
        ActorRef<PolledFeed.Command> feed = spawn(gate, new YahooChartHistory(KIT.system(), gate,
                SymbolMapping.standard(), clock::get));
        SourceHandle handle = PolledFeed.handle("yahoo", "yahoo-rest", feed);

        handle.assign(Set.of("MSFT", "AAPL", "ZZZZ"));
        AtomicReference<SourceStatus> latest = new AtomicReference<>();
        TestProbe<SourceStatus> probe = KIT.createTestProbe();
        await().atMost(PATIENCE).until(() -> {
            handle.status(probe.ref());
            latest.set(probe.receiveMessage());
            return latest.get().messages() == 6 && !latest.get().errors().isEmpty();
        });
        await().during(Duration.ofMillis(400)).atMost(PATIENCE).until(() -> yahoo.requestCount() == 3);
        SourceStatus status = latest.get();

        assertThat(status.provider()).isEqualTo("yahoo");
        assertThat(status.connection()).isEqualTo("yahoo-rest");
        assertThat(status.state()).isEqualTo(ConnectionState.POLLING);
        assertThat(status.breaker()).isEqualTo(BreakerState.CLOSED);
        assertThat(status.messages()).isEqualTo(6);
        assertThat(status.messagesPerSecond()).isEqualTo(6 / 60.0);
        assertThat(status.lastMessageAtMillis()).isPositive();
        assertThat(status.errors()).isEqualTo(Map.of(FailureKind.PERMANENT.name(), 1L));
        assertThat(status.lastError()).contains("ZZZZ").contains("Not Found");
        assertThat(status.budgetRemaining()).isEqualTo(997);
        assertThat(status.subscribed()).containsExactly("AAPL", "MSFT", "ZZZZ");
        assertThat(status.reconnects()).isZero();
    }

    @Test
    void aRoundWaitsForTheBudgetWhenItComesBackWithinThePollInterval() {
        LoopbackProvider yahoo = server(this::everyMinuteSoFar);
        ProviderGate gate = gate(yahoo, "poll-interval = 5s\nrate-limits = [{ limit = 1, per = 1s }]");
        ActorRef<PolledFeed.Command> feed = spawn(gate, new YahooChartHistory(KIT.system(), gate,
                SymbolMapping.standard(), clock::get));

        feed.tell(new PolledFeed.Subscribe(Set.of("AAPL", "MSFT", "NVDA")));
        await().atMost(PATIENCE).until(() -> delivered.size() == 9);
        TestProbe<SourceStatus> probe = KIT.createTestProbe();
        feed.tell(new PolledFeed.GetStatus(probe.ref()));
        SourceStatus status = probe.receiveMessage();

        assertThat(status.messages()).isEqualTo(9);
        List<Received> requests = yahoo.requests();
        assertThat(requests).hasSize(3);
        assertThat(Duration.ofNanos(requests.get(2).atNanos() - requests.get(0).atNanos()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(1_500)).isLessThan(Duration.ofSeconds(5));
        assertThat(status.errors()).isEmpty();
        assertThat(status.state()).isEqualTo(ConnectionState.POLLING);
    }

    private LoopbackProvider server(Function<Received, Answer> responder) {
        LoopbackProvider server = LoopbackProvider.start(responder);
        servers.add(server);
        return server;
    }

    private ProviderGate gate(LoopbackProvider server, String overrides) {
        return ProviderFixtures.gate(KIT.system(), ProviderFixtures.settings("yahoo", server.baseUrl(), "", overrides));
    }

    private ActorRef<PolledFeed.Command> spawn(ProviderGate gate, MinuteHistory history) {
        Sink<MarketEvent, NotUsed> sink = Sink.<MarketEvent>foreach(delivered::add)
                .mapMaterializedValue(done -> NotUsed.getInstance());
        FeedEnvironment env = new FeedEnvironment(gate.settings(), gate, () -> sink, health.ref(),
                SymbolMapping.standard(), clock::get);
        return KIT.spawn(PolledFeed.create(env, history, "yahoo-rest"));
    }

    /** A chart of every minute from ten minutes before the start to the one forming now, whatever was asked. */
    private Answer everyMinuteSoFar(Received request) {
        String symbol = request.path().substring(request.path().lastIndexOf('/') + 1);
        long first = minute(START) - 10 * MINUTE;
        int count = (int) ((minute(clock.get()) - first) / MINUTE) + 1;
        return Answer.json(YahooCharts.chart(symbol, minuteStarts(first, count)));
    }

    /**
     * The successful probe makes the feed poll and closes the breaker. The feed may report its new
     * state before the breaker's callback has run, so one report of polling with the breaker still
     * half-open may come first.
     */
    private void expectRecoveredByTheProbe() {
        SourceHealth health = this.health.expectMessageClass(SourceHealth.class, PATIENCE);
        if (health.state() == ConnectionState.POLLING && health.breaker() == BreakerState.HALF_OPEN) {
            health = this.health.expectMessageClass(SourceHealth.class, PATIENCE);
        }
        assertHealth(health, ConnectionState.POLLING, BreakerState.CLOSED);
    }

    private SourceHealth expectHealth(ConnectionState state, BreakerState breaker) {
        return assertHealth(this.health.expectMessageClass(SourceHealth.class, PATIENCE), state, breaker);
    }

    private static SourceHealth assertHealth(SourceHealth health, ConnectionState state, BreakerState breaker) {
        assertThat(health.state()).as("state, then " + health).isEqualTo(state);
        assertThat(health.breaker()).as("breaker, then " + health).isEqualTo(breaker);
        assertThat(health.provider()).isEqualTo("yahoo");
        assertThat(health.connection()).isEqualTo("yahoo-rest");
        return health;
    }

    private List<Long> startsOf(String symbol) {
        return delivered.stream().map(event -> (Bar) event).filter(bar -> bar.symbol().equals(symbol))
                .map(Bar::start).collect(Collectors.toList());
    }

    private static Bar bar(String symbol, long start) {
        return new Bar(symbol, Timeframe.M1, start, start + MINUTE, 10, 11, 9, 10.5, 100, 10.2, 1, "yahoo");
    }

    private static long minute(long millis) {
        return millis - Math.floorMod(millis, MINUTE);
    }

    private static List<Long> minuteStarts(long first, int count) {
        return LongStream.range(0, count).mapToObj(i -> first + i * MINUTE).toList();
    }
}
