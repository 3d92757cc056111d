package io.actortrading.fakes;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgrade;
import org.apache.pekko.http.javadsl.settings.ServerSettings;
import org.apache.pekko.stream.Materializer;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Loopback stand-ins for the market data providers on one port, speaking their wire formats
 * (shared/PROVIDERS.md) with the trades of a {@link FakeTape}, timed by a market clock that tests may
 * run faster than the wall clock. Each provider's paths sit under its {@link FakeEndpoint#pathPrefix()}:
 * configure a client with {@link #baseUrl(FakeEndpoint)} as its base URL.
 *
 * <ul>
 *   <li>{@code /polygon-ws/stocks}, {@code /polygon-ws/crypto}: Polygon's WebSocket;</li>
 *   <li>{@code /polygon/v2/aggs/ticker/{ticker}/range/1/minute/{from}/{to}}: Polygon's aggregates;</li>
 *   <li>{@code /yahoo/v8/finance/chart/{symbol}}: Yahoo's chart;</li>
 *   <li>{@code /alphavantage/query}: Alpha Vantage's intraday series and global quote;</li>
 *   <li>{@code /twelvedata/time_series}: Twelve Data's time series;</li>
 *   <li>{@code /twelvedata-ws/v1/quotes/price}: Twelve Data's price WebSocket;</li>
 *   <li>{@code /_fakes}: the admin API that switches faults (see {@link FaultsAdmin}).</li>
 * </ul>
 *
 * Every request and WebSocket connection attempt to a provider path counts in {@link #requests}, also
 * those a fault turns away. Thread-safe.
 */
public final class ProviderFakes implements AutoCloseable {

    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CLOSE_DEADLINE = Duration.ofSeconds(1);
    private static final String SYSTEM_NAME = "provider-fakes";

    private final FakeSettings settings;
    private final FakeTape tape;
    private final LongSupplier marketNow;
    private final ActorSystem system;
    private final boolean ownSystem;
    private final Materializer materializer;
    private final Map<FakeEndpoint, FakeFaults> faults = new EnumMap<>(FakeEndpoint.class);
    private final Map<FakeEndpoint, AtomicLong> requests = new EnumMap<>(FakeEndpoint.class);
    private final Map<FakeEndpoint, RestFake> restFakes = new EnumMap<>(FakeEndpoint.class);
    private final FaultsAdmin admin;
    private final Random garbage;
    private final AtomicBoolean closed = new AtomicBoolean();
    private ServerBinding binding;

    private ProviderFakes(ActorSystem system, boolean ownSystem, FakeSettings settings, FakeTape tape,
                          LongSupplier marketNow) {
        this.settings = settings;
        this.tape = tape;
        this.marketNow = marketNow;
        this.system = system;
        this.ownSystem = ownSystem;
        this.materializer = Materializer.matFromSystem(system);
        this.garbage = new Random(tape.seed());
        for (FakeEndpoint endpoint : FakeEndpoint.values()) {
            faults.put(endpoint, new FakeFaults(endpoint));
            requests.put(endpoint, new AtomicLong());
        }
        restFakes.put(FakeEndpoint.POLYGON_REST, new PolygonAggregates(settings, tape, faults.get(FakeEndpoint.POLYGON_REST)));
        restFakes.put(FakeEndpoint.YAHOO, new YahooChart(tape, faults.get(FakeEndpoint.YAHOO)));
        restFakes.put(FakeEndpoint.ALPHAVANTAGE, new AlphaVantageQuery(settings, tape, faults.get(FakeEndpoint.ALPHAVANTAGE)));
        restFakes.put(FakeEndpoint.TWELVEDATA_REST,
                new TwelveDataTimeSeries(settings, tape, faults.get(FakeEndpoint.TWELVEDATA_REST)));
        this.admin = new FaultsAdmin(this);
    }

    /** Starts the fakes on an actor system of their own, which {@link #close()} terminates. */
    public static ProviderFakes start(FakeSettings settings, FakeTape tape, LongSupplier marketNowMillis) {
        Config config = ConfigFactory.parseResources(ProviderFakes.class, "provider-fakes-system.conf")
                .withFallback(ConfigFactory.load());
        ActorSystem system = ActorSystem.create(SYSTEM_NAME, config);
        try {
            return bind(new ProviderFakes(system, true, settings, tape, marketNowMillis));
        } catch (RuntimeException e) {
            system.terminate();
            throw e;
        }
    }

    /** Starts the fakes on the caller's actor system (classic or typed), which {@link #close()} leaves running. */
    public static ProviderFakes start(ClassicActorSystemProvider system, FakeSettings settings, FakeTape tape,
                                      LongSupplier marketNowMillis) {
        return bind(new ProviderFakes(system.classicSystem(), false, settings, tape, marketNowMillis));
    }

    private static ProviderFakes bind(ProviderFakes fakes) {
        Config serverConfig = ConfigFactory.parseResources(ProviderFakes.class, "provider-fakes.conf")
                .withFallback(fakes.system.settings().config());
        try {
            fakes.binding = Http.get(fakes.system)
                    .newServerAt(fakes.settings.host(), fakes.settings.port())
                    .withSettings(ServerSettings.create(serverConfig))
                    .bind(fakes::handle)
                    .toCompletableFuture()
                    .get(BIND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return fakes;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("provider fakes cannot listen on " + fakes.settings.host() + ":"
                    + fakes.settings.port() + ": " + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the provider fakes", e);
        }
    }

    public int port() {
        return binding.localAddress().getPort();
    }

    /** {@code http://host:port}. */
    public String httpBase() {
        return "http://" + settings.host() + ":" + port();
    }

    /** {@code ws://host:port}. */
    public String wsBase() {
        return "ws://" + settings.host() + ":" + port();
    }

    /**
     * The base URL a client of the endpoint is configured with; the provider's own paths follow it
     * ({@code baseUrl(POLYGON_WS) + "/stocks"}, {@code baseUrl(POLYGON_REST) + "/v2/aggs/..."}).
     */
    public String baseUrl(FakeEndpoint endpoint) {
        return (endpoint.streaming() ? wsBase() : httpBase()) + endpoint.pathPrefix();
    }

    public FakeFaults faults(FakeEndpoint endpoint) {
        return faults.get(endpoint);
    }

    /** HTTP requests and WebSocket connection attempts so far, including those a fault turned away. */
    public long requests(FakeEndpoint endpoint) {
        return requests.get(endpoint).get();
    }

    /** WebSocket connections of the endpoint open now. */
    public int openConnections(FakeEndpoint endpoint) {
        return faults.get(endpoint).openConnections();
    }

    public FakeSettings settings() {
        return settings;
    }

    public FakeTape tape() {
        return tape;
    }

    /** The market clock's time now. */
    public long marketNow() {
        return marketNow.getAsLong();
    }

    /** Answers stalled requests, closes every connection and stops listening (and the own actor system). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        faults.values().forEach(FakeFaults::clear);
        faults.values().forEach(FakeFaults::dropConnections);
        try {
            binding.terminate(CLOSE_DEADLINE).toCompletableFuture()
                    .get(CLOSE_DEADLINE.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the port is released with the actor system at the latest; nothing more to do here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownSystem) {
            system.terminate();
        }
    }

    private CompletionStage<HttpResponse> handle(HttpRequest request) {
        request.discardEntityBytes(materializer);
        String path = request.getUri().path();
        if (FaultsAdmin.serves(path)) {
            return CompletableFuture.completedFuture(admin.answer(request, path));
        }
        for (FakeEndpoint endpoint : FakeEndpoint.values()) {
            if (endpoint.serves(path)) {
                requests.get(endpoint).incrementAndGet();
                String rest = path.substring(endpoint.pathPrefix().length());
                return endpoint.streaming()
                        ? CompletableFuture.completedFuture(upgrade(endpoint, request, rest))
                        : rest(endpoint, request, rest);
            }
        }
        return CompletableFuture.completedFuture(
                response(Reply.text(Reply.NOT_FOUND, "no provider fake at " + path)));
    }

    private CompletionStage<HttpResponse> rest(FakeEndpoint endpoint, HttpRequest request, String path) {
        FakeFaults endpointFaults = faults.get(endpoint);
        if (closed.get() || endpointFaults.active(FakeFault.REFUSE_CONNECTIONS)) {
            return CompletableFuture.completedFuture(response(Reply.text(Reply.UNAVAILABLE, "Service Unavailable")));
        }
        if (endpointFaults.active(FakeFault.STALL)) {
            return endpointFaults.stallLifted().thenCompose(lifted -> rest(endpoint, request, path));
        }
        RestFake fake = restFakes.get(endpoint);
        if (endpointFaults.active(FakeFault.SERVER_ERROR)) {
            return CompletableFuture.completedFuture(response(fake.serverError()));
        }
        Reply reply = fake.answer(request, path, marketNow.getAsLong());
        if (reply.status() == Reply.OK && reply.json() && endpointFaults.active(FakeFault.GARBAGE)) {
            reply = new Reply(Reply.OK, true, GarbageText.instead(reply.body(), garbage));
        }
        return CompletableFuture.completedFuture(response(reply));
    }

    private HttpResponse upgrade(FakeEndpoint endpoint, HttpRequest request, String path) {
        FakeFaults endpointFaults = faults.get(endpoint);
        if (closed.get() || endpointFaults.active(FakeFault.REFUSE_CONNECTIONS)) {
            return response(Reply.text(Reply.UNAVAILABLE, "Service Unavailable"));
        }
        if (endpointFaults.active(FakeFault.SERVER_ERROR)) {
            return response(Reply.text(Reply.INTERNAL_ERROR, "Internal Server Error"));
        }
        Optional<WebSocketUpgrade> upgrade = request.getAttribute(AttributeKeys.webSocketUpgrade);
        Optional<StreamSession> session = session(endpoint, request, path);
        if (session.isEmpty()) {
            return response(Reply.text(Reply.NOT_FOUND, "no provider fake at " + request.getUri().path()));
        }
        if (upgrade.isEmpty()) {
            return response(Reply.text(Reply.BAD_REQUEST, "Expected a WebSocket upgrade"));
        }
        return upgrade.get().handleMessagesWith(StreamConnection.flow(session.get(), endpointFaults,
                settings.wsEmitInterval(), marketNow, materializer));
    }

    private Optional<StreamSession> session(FakeEndpoint endpoint, HttpRequest request, String path) {
        FakeFaults endpointFaults = faults.get(endpoint);
        if (endpoint == FakeEndpoint.POLYGON_WS) {
            return PolygonStream.Cluster.fromPath(path)
                    .map(cluster -> new PolygonStream(cluster, settings, tape, endpointFaults, new Random(garbage.nextLong())));
        }
        if (TwelveDataStream.PATH.equals(path)) {
            String key = request.getUri().query().get("apikey").orElse("");
            return Optional.of(new TwelveDataStream(key, settings, tape, endpointFaults, new Random(garbage.nextLong())));
        }
        return Optional.empty();
    }

    static HttpResponse response(Reply reply) {
        return HttpResponse.create()
                .withStatus(reply.status())
                .withEntity(reply.json() ? ContentTypes.APPLICATION_JSON : ContentTypes.TEXT_PLAIN_UTF8, reply.body());
    }
}
