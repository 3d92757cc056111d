package io.actortrading.feeds.live;

import io.actortrading.market.instrument.Instrument;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgradeResponse;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One WebSocket connection to a market data provider, whatever the provider: its {@link StreamDialect}
 * says what goes over the wire, this actor decides when to connect and what to do when it goes wrong.
 *
 * <ul>
 *   <li>It connects while it has symbols to serve, subscribes them once the provider allows it, and
 *       follows later {@link Subscribe}s with subscribe and unsubscribe frames on the open connection.</li>
 *   <li>A drop, a failed connection, a provider that ends the session or a connection that stays silent
 *       for {@code idle-timeout} is followed by a reconnect after an exponential backoff with jitter,
 *       and the new connection subscribes everything again. Too many connections waits the longest
 *       backoff.</li>
 *   <li>Every connection attempt is a call through the provider's shared circuit breaker (success: the
 *       key was accepted); a drop after that counts as a failure. While the breaker is open no attempt
 *       is made; when it half-opens, one attempt probes it.</li>
 *   <li>A refused or missing key is fatal: the connection is closed and nothing is tried before
 *       {@code fatal-retry}, because reconnecting in a loop with a bad key gets the key banned.</li>
 * </ul>
 *
 * The health listener hears of every change of connection or breaker state. The API key never reaches
 * a log line, a status or a health message.
 */
public final class StreamFeed extends AbstractBehavior<StreamFeed.Command> {

    /** How often the message rate is sampled and the connection checked for silence, at the most. */
    private static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(1);
    /** Silence is checked this many times per idle timeout, so it is noticed soon after the timeout. */
    private static final int IDLE_CHECKS = 4;
    private static final double MILLIS_PER_SECOND = 1_000.0;
    private static final String CONNECT_TIMER = "connect";
    private static final String SAMPLE_TIMER = "sample";
    private static final String HEARTBEAT_TIMER = "heartbeat";

    public sealed interface Command {
    }

    /** Replaces the symbols the feed serves; symbols this connection does not carry are left out. */
    public record Subscribe(Set<String> symbols) implements Command {
        public Subscribe {
            symbols = Set.copyOf(symbols);
        }
    }

    public record GetStatus(ActorRef<SourceStatus> replyTo) implements Command {
    }

    private record Connect() implements Command {
    }

    /** The breaker call of connection attempt {@code generation} ended; failure null on success. */
    private record AttemptSettled(int generation, Throwable failure) implements Command {
    }

    private record Upgraded(int generation, WebSocketUpgradeResponse response, Throwable failure) implements Command {
    }

    private record Ended(int generation, Throwable failure) implements Command {
    }

    private record Signalled(int generation, StreamDialect.Signal signal) implements Command {
    }

    private record BreakerChanged(BreakerState state) implements Command {
    }

    private record Sample() implements Command {
    }

    private record Beat() implements Command {
    }

    /** Fails a connection attempt's breaker call; the detail is already free of keys. */
    private static final class AttemptFailed extends RuntimeException {
        AttemptFailed(String detail) {
            super(detail, null, false, false);
        }
    }

    private final TimerScheduler<Command> timers;
    private final FeedEnvironment env;
    private final StreamDialect dialect;
    private final ProviderSettings settings;
    private final ProviderGate gate;
    private final StreamTally tally = new StreamTally();
    private final Consumer<BreakerState> breakerListener;

    private Set<String> desired = new TreeSet<>();
    /** Symbols subscribed on the current connection (including any the provider refused). */
    private final Set<String> onWire = new TreeSet<>();
    /** Symbols the provider refused; not asked for again while they stay wanted. */
    private final Set<String> refused = new TreeSet<>();

    private ConnectionState state = ConnectionState.IDLE;
    private String detail = "no symbols";
    private SourceHealth published;

    private WebSocketLink link;
    /** Whether the current connection accepts subscriptions. */
    private boolean open;
    private int generation;
    private boolean everConnected;
    private CompletableFuture<Done> attempt;
    /** Consecutive attempts that did not reach an authenticated connection: the backoff exponent. */
    private int failures;
    private long fatalUntil;
    private String fatalDetail = "";
    private long streamingSince;
    private long reconnects;
    private final Set<StreamError> loggedOnConnection = EnumSet.noneOf(StreamError.class);

    private long sampledMessages;
    private long sampledAt = System.currentTimeMillis();
    private double messagesPerSecond;

    private StreamFeed(ActorContext<Command> context, TimerScheduler<Command> timers, FeedEnvironment env,
                       StreamDialect dialect) {
        super(context);
        this.timers = timers;
        this.env = env;
        this.dialect = dialect;
        this.settings = env.settings();
        this.gate = env.gate();
        ActorRef<Command> self = context.getSelf();
        this.breakerListener = breaker -> self.tell(new BreakerChanged(breaker));
        gate.onBreakerTransition(breakerListener);
        Duration idleCheck = settings.idleTimeout().dividedBy(IDLE_CHECKS);
        timers.startTimerWithFixedDelay(SAMPLE_TIMER, new Sample(),
                idleCheck.isZero() || idleCheck.compareTo(SAMPLE_INTERVAL) > 0 ? SAMPLE_INTERVAL : idleCheck);
        publishHealth();
    }

    public static Behavior<Command> create(FeedEnvironment env, StreamDialect dialect) {
        return Behaviors.setup(context -> Behaviors.withTimers(
                timers -> new StreamFeed(context, timers, env, dialect)));
    }

    /** The node's view of a stream feed actor. */
    public static SourceHandle handle(ActorRef<Command> feed, String provider, String connection) {
        return SourceHandle.of(provider, connection, feed, Subscribe::new, GetStatus::new);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Subscribe.class, this::onSubscribe)
                .onMessage(GetStatus.class, this::onGetStatus)
                .onMessage(Connect.class, message -> {
                    connect();
                    return this;
                })
                .onMessage(AttemptSettled.class, this::onAttemptSettled)
                .onMessage(Upgraded.class, this::onUpgraded)
                .onMessage(Ended.class, this::onEnded)
                .onMessage(Signalled.class, this::onSignalled)
                .onMessage(BreakerChanged.class, this::onBreakerChanged)
                .onMessage(Sample.class, this::onSample)
                .onMessage(Beat.class, this::onBeat)
                .onSignal(PostStop.class, signal -> stopped())
                .onSignal(PreRestart.class, signal -> stopped())
                .build();
    }

    private Behavior<Command> onSubscribe(Subscribe subscribe) {
        Set<String> served = new TreeSet<>();
        subscribe.symbols().stream().filter(dialect::serves).forEach(served::add);
        refused.retainAll(served);
        desired = served;
        if (desired.isEmpty()) {
            if (link != null) {
                sync();
                closeLink();
                failAttempt("no symbols left");
            }
            timers.cancel(CONNECT_TIMER);
            if (state != ConnectionState.FAILED) {
                enter(ConnectionState.IDLE, "no symbols");
            }
        } else if (link != null) {
            sync();
        } else if (state == ConnectionState.IDLE) {
            connect();
        }
        return this;
    }

    private Behavior<Command> onGetStatus(GetStatus request) {
        List<String> subscribed = new ArrayList<>(desired);
        subscribed.removeAll(refused);
        request.replyTo().tell(new SourceStatus(dialect.provider(), dialect.connection(), state, gate.breakerState(),
                // The socket spends no requests, but the provider's REST budget (backfill, warm-up) is its budget.
                tally.messages(), messagesPerSecond, tally.lastMessageAt(), tally.errors(),
                gate.budgetRemaining(System.currentTimeMillis()), subscribed,
                reconnects, tally.lastError()));
        return this;
    }

    private void connect() {
        timers.cancel(CONNECT_TIMER);
        if (link != null || desired.isEmpty()) {
            return;
        }
        if (!settings.hasKey()) {
            fatal("no API key: set " + dialect.keyVariable());
            return;
        }
        long now = System.currentTimeMillis();
        if (now < fatalUntil) {
            timers.startSingleTimer(CONNECT_TIMER, new Connect(), Duration.ofMillis(fatalUntil - now));
            enter(ConnectionState.FAILED, fatalDetail);
            return;
        }
        CompletableFuture<Done> call = new CompletableFuture<>();
        int connection = ++generation;
        RuntimeException[] unopened = new RuntimeException[1];
        getContext().pipeToSelf(gate.breaker().callWithCircuitBreakerCS(() -> {
            // runs at once, on this actor's thread, when the breaker lets the attempt through
            try {
                openLink(connection);
                return call;
            } catch (RuntimeException e) {
                unopened[0] = e;
                return CompletableFuture.failedFuture(e);
            }
        }), (done, failure) -> new AttemptSettled(connection, failure));
        if (unopened[0] != null) {
            String why = "cannot connect: " + dialect.redact(String.valueOf(unopened[0].getMessage()));
            lost(StreamError.DISCONNECTED, why, backoff());
            return;
        }
        if (link == null) {
            enter(ConnectionState.BREAKER_OPEN, "circuit breaker open: waiting for it to half-open");
            return;
        }
        attempt = call;
        if (everConnected) {
            reconnects++;
        }
        everConnected = true;
        enter(ConnectionState.CONNECTING, "connecting to " + dialect.redact(dialect.url()));
    }

    private void openLink(int connection) {
        ActorRef<Command> self = getContext().getSelf();
        link = WebSocketLink.open(getContext().getSystem(), dialect, env.output().get(),
                signal -> self.tell(new Signalled(connection, signal)), tally, settings.requestTimeout());
        open = false;
        onWire.clear();
        loggedOnConnection.clear();
        getContext().pipeToSelf(link.upgrade(), (response, failure) -> new Upgraded(connection, response, failure));
        getContext().pipeToSelf(link.closed(), (done, failure) -> new Ended(connection, failure));
    }

    private boolean current(int connection) {
        return connection == generation && link != null;
    }

    private Behavior<Command> onAttemptSettled(AttemptSettled settled) {
        Throwable failure = settled.failure() instanceof CompletionException && settled.failure().getCause() != null
                ? settled.failure().getCause()
                : settled.failure();
        boolean timedOut = failure instanceof TimeoutException;
        if (timedOut && current(settled.generation()) && state != ConnectionState.STREAMING) {
            String why = "not authenticated within " + settings.breaker().callTimeout().toMillis() + " ms";
            lost(StreamError.TIMEOUT, why, backoff());
        }
        return this;
    }

    private Behavior<Command> onUpgraded(Upgraded upgraded) {
        if (!current(upgraded.generation())) {
            return this;
        }
        if (upgraded.failure() != null) {
            String why = "cannot connect: " + dialect.redact(String.valueOf(upgraded.failure().getMessage()));
            lost(StreamError.DISCONNECTED, why, backoff());
        } else if (!upgraded.response().isValid()) {
            int status = upgraded.response().response().status().intValue();
            String why = "upgrade refused with HTTP " + status;
            if (status == 401 || status == 403) {
                refused(why);
            } else {
                lost(StreamError.DISCONNECTED, why, backoff());
            }
        } else {
            if (state == ConnectionState.CONNECTING) {
                enter(ConnectionState.AUTHENTICATING, "connected, waiting for the provider to accept the key");
            }
            if (dialect.subscribesOnOpen()) {
                accepting();
            }
        }
        return this;
    }

    private Behavior<Command> onEnded(Ended ended) {
        if (current(ended.generation())) {
            String why = ended.failure() == null
                    ? "connection closed by the provider"
                    : "connection failed: " + dialect.redact(String.valueOf(ended.failure().getMessage()));
            lost(StreamError.DISCONNECTED, why, backoff());
        }
        return this;
    }

    private Behavior<Command> onSignalled(Signalled signalled) {
        if (!current(signalled.generation())) {
            return this;
        }
        StreamDialect.Signal signal = signalled.signal();
        if (signal instanceof StreamDialect.Signal.Greeted) {
            dialect.greetingReply().ifPresent(link::send);
            if (state == ConnectionState.CONNECTING) {
                enter(ConnectionState.AUTHENTICATING, "connected, waiting for the provider to accept the key");
            }
        } else if (signal instanceof StreamDialect.Signal.Authenticated) {
            authenticated();
        } else if (signal instanceof StreamDialect.Signal.Refused refusal) {
            refused(dialect.redact(refusal.detail()));
        } else if (signal instanceof StreamDialect.Signal.Overloaded overload) {
            String why = "too many connections: " + dialect.redact(overload.detail());
            lost(StreamError.MAX_CONNECTIONS, why, settings.reconnect().max());
        } else if (signal instanceof StreamDialect.Signal.Disconnect disconnect) {
            String why = "the provider ends the session: " + dialect.redact(disconnect.detail());
            lost(disconnect.kind(), why, backoff());
        } else if (signal instanceof StreamDialect.Signal.Problem problem) {
            String why = dialect.redact(problem.detail());
            tally.error(problem.kind(), why);
            if (loggedOnConnection.add(problem.kind())) {
                getContext().getLog().warn("{}: the provider reports {} ({}); further ones on this connection are "
                        + "only counted", dialect.connection(), problem.kind(), why);
            }
        } else if (signal instanceof StreamDialect.Signal.SubscriptionRefused refusal) {
            subscriptionRefused(refusal);
        }
        return this;
    }

    private void authenticated() {
        if (state == ConnectionState.STREAMING) {
            return;
        }
        if (attempt != null) {
            attempt.complete(Done.getInstance());
        }
        failures = 0;
        streamingSince = System.currentTimeMillis();
        accepting();
        getContext().getLog().info("{}: streaming {} symbols from {}", dialect.connection(), onWire.size(),
                dialect.redact(dialect.url()));
        enter(ConnectionState.STREAMING, "streaming");
    }

    /** The connection takes subscriptions from now on: subscribe everything, start the heartbeat. */
    private void accepting() {
        open = true;
        sync();
        if (dialect.heartbeat().isPresent() && !timers.isTimerActive(HEARTBEAT_TIMER)) {
            timers.startTimerWithFixedDelay(HEARTBEAT_TIMER, new Beat(), settings.heartbeat());
        }
    }

    private void subscriptionRefused(StreamDialect.Signal.SubscriptionRefused refusal) {
        List<String> symbols = new ArrayList<>(refusal.symbols());
        symbols.retainAll(desired);
        if (symbols.isEmpty()) {
            return;
        }
        refused.addAll(symbols);
        String why = "refused to subscribe " + String.join(",", symbols) + ": " + dialect.redact(refusal.detail());
        tally.error(StreamError.SUBSCRIBE_FAILED, symbols.size(), why);
        getContext().getLog().warn("{}: the provider {}; not asked again until they are removed and added back",
                dialect.connection(), why);
    }

    /** Sends the difference between the wanted symbols and those subscribed on the connection. */
    private void sync() {
        if (link == null || !open) {
            return;
        }
        List<String> remove = new ArrayList<>(onWire);
        remove.removeAll(desired);
        List<String> add = new ArrayList<>(desired);
        add.removeAll(onWire);
        add.removeAll(refused);
        if (!remove.isEmpty()) {
            link.send(dialect.unsubscribe(remove));
            remove.forEach(onWire::remove);
        }
        if (!add.isEmpty()) {
            link.send(dialect.subscribe(add));
            onWire.addAll(add);
        }
    }

    private Behavior<Command> onBreakerChanged(BreakerChanged changed) {
        if (changed.state() == BreakerState.OPEN && state == ConnectionState.BACKOFF) {
            timers.cancel(CONNECT_TIMER);
            enter(ConnectionState.BREAKER_OPEN, "circuit breaker open: waiting for it to half-open");
        } else if (changed.state() != BreakerState.OPEN && state == ConnectionState.BREAKER_OPEN) {
            connect();
        }
        publishHealth();
        return this;
    }

    private Behavior<Command> onSample(Sample sample) {
        long now = System.currentTimeMillis();
        long messages = tally.messages();
        messagesPerSecond = now > sampledAt ? (messages - sampledMessages) * MILLIS_PER_SECOND / (now - sampledAt) : 0;
        sampledMessages = messages;
        sampledAt = now;
        long silent = now - Math.max(tally.lastFrameAt(), streamingSince);
        if (state == ConnectionState.STREAMING && link != null && !onWire.isEmpty()
                && silent >= settings.idleTimeout().toMillis() && anyInSession()) {
            String why = "no frame for " + silent + " ms";
            lost(StreamError.TIMEOUT, why, backoff());
        }
        return this;
    }

    /**
     * Silence means a dead connection only while some subscribed symbol trades: outside every
     * session (US equities overnight) a healthy Polygon stocks socket sends nothing at all.
     */
    private boolean anyInSession() {
        Instant marketNow = Instant.ofEpochMilli(env.marketNow().getAsLong());
        for (String symbol : onWire) {
            Instrument instrument = Instrument.infer(symbol);
            ZonedDateTime local = marketNow.atZone(instrument.zone());
            if (instrument.session().isOpen(local.getDayOfWeek(), local.toLocalTime())) {
                return true;
            }
        }
        return false;
    }

    private Behavior<Command> onBeat(Beat beat) {
        if (link != null && open) {
            dialect.heartbeat().ifPresent(link::send);
        }
        return this;
    }

    private Duration backoff() {
        failures++;
        return settings.reconnect().delay(failures, ThreadLocalRandom.current().nextDouble());
    }

    /** The connection is gone or given up: count why, close it and reconnect after {@code retryAfter}. */
    private void lost(StreamError kind, String why, Duration retryAfter) {
        tally.error(kind, why);
        boolean wasStreaming = state == ConnectionState.STREAMING;
        closeLink();
        failAttempt(why);
        if (wasStreaming) {
            gate.breaker().fail();
        }
        if (desired.isEmpty()) {
            enter(ConnectionState.IDLE, why);
            return;
        }
        if (gate.breakerState() == BreakerState.OPEN) {
            enter(ConnectionState.BREAKER_OPEN, why + "; circuit breaker open");
            getContext().getLog().warn("{}: {}; circuit breaker open, no attempt before it half-opens",
                    dialect.connection(), why);
            return;
        }
        timers.startSingleTimer(CONNECT_TIMER, new Connect(), retryAfter);
        getContext().getLog().warn("{}: {}; reconnecting in {} ms", dialect.connection(), why, retryAfter.toMillis());
        enter(ConnectionState.BACKOFF, why + "; reconnecting in " + retryAfter.toMillis() + " ms");
    }

    /** The key was refused: nothing is tried again before fatal-retry. */
    private void refused(String why) {
        fatal("the provider refused the key (" + why + "); check " + dialect.keyVariable());
    }

    /** The key is missing or refused: nothing is tried again before fatal-retry. */
    private void fatal(String why) {
        closeLink();
        failAttempt(why);
        tally.error(StreamError.AUTH_FAILED, why);
        fatalUntil = System.currentTimeMillis() + settings.fatalRetry().toMillis();
        fatalDetail = why;
        timers.startSingleTimer(CONNECT_TIMER, new Connect(), settings.fatalRetry());
        if (state != ConnectionState.FAILED) {
            getContext().getLog().error("{}: {}. No new connection for {} s", dialect.connection(), why,
                    settings.fatalRetry().toMillis() / MILLIS_PER_SECOND);
        }
        enter(ConnectionState.FAILED, why);
    }

    /** Ends the breaker call of a pending attempt as a failure. */
    private void failAttempt(String why) {
        if (attempt != null && !attempt.isDone()) {
            attempt.completeExceptionally(new AttemptFailed(why));
        }
        attempt = null;
    }

    private void closeLink() {
        if (link != null) {
            link.close();
            link = null;
        }
        open = false;
        onWire.clear();
        timers.cancel(HEARTBEAT_TIMER);
    }

    private void enter(ConnectionState next, String why) {
        state = next;
        detail = why;
        publishHealth();
    }

    private void publishHealth() {
        SourceHealth health = new SourceHealth(dialect.provider(), dialect.connection(), state, gate.breakerState(),
                detail);
        if (published == null || published.state() != health.state() || published.breaker() != health.breaker()) {
            published = health;
            env.health().tell(health);
        }
    }

    private Behavior<Command> stopped() {
        gate.removeBreakerListener(breakerListener);
        closeLink();
        return this;
    }
}
