package io.actortrading.node.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.actortrading.market.instrument.Instrument;
import io.actortrading.market.symbols.SymbolMapping;
import io.actortrading.node.NodeServices;
import io.actortrading.feeds.live.SourceStatus;
import io.actortrading.node.feed.FeedRouter;
import io.actortrading.node.metrics.NodeMetrics;
import io.actortrading.node.persistence.PersistenceProfile;
import io.actortrading.node.projection.MarketDataProjection;
import io.actortrading.node.registry.SymbolRegistry;
import io.actortrading.node.symbol.SymbolActor;
import io.actortrading.node.symbol.SymbolView;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery;
import org.apache.pekko.cluster.sharding.typed.GetClusterShardingStats;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.marshalling.Marshaller;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.RequestEntity;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.management.javadsl.ManagementRouteProvider;
import org.apache.pekko.management.javadsl.ManagementRouteProviderSettings;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The project's {@code /api} routes on the Pekko Management endpoint (see the inspection contract,
 * notes/inspection-api.md): shard regions, the actor tree, the symbol registry and symbol views, the
 * feeds. Registered under {@code pekko.management.http.routes}; Pekko Management constructs it with
 * the actor system. Until the node's guardian has published its actors through {@link NodeServices}
 * the routes that need them answer 503 {@code {"error": "node is starting"}}.
 *
 * <p>These are operator requests, so asking actors (with {@code actortrading.inspection.ask-timeout})
 * is fine here; nothing on the market data path waits for them. Symbol writes are not subject to
 * {@code route-providers-read-only}: that switch guards the cluster membership routes.
 */
public final class InspectionRoutes extends AllDirectives implements ManagementRouteProvider {

    private final ActorSystem<Void> system;
    private final InspectionSettings settings;
    private final ObjectMapper mapper = JsonMapper.builder().build();
    private final Marshaller<Object, RequestEntity> json = Jackson.marshaller(mapper);
    private final AtomicLong walks = new AtomicLong();

    public InspectionRoutes(ExtendedActorSystem classicSystem) {
        this.system = Adapter.toTyped(classicSystem);
        this.settings = InspectionSettings.fromConfig(classicSystem.settings().config().getConfig("actortrading.inspection"));
    }

    public record ErrorReply(String error) {
    }

    public record AddReply(String symbol, boolean added) {
    }

    public record RemoveReply(String symbol, boolean removed) {
    }

    @Override
    public Route routes(ManagementRouteProviderSettings routeSettings) {
        return pathPrefix("api", () -> handleExceptions(failures(), () -> handleRejections(rejections(), () -> concat(
                path(PathMatchers.segment("shards").slash("region-stats"),
                        () -> get(() -> parameterOptional("type", this::regionStats))),
                path(PathMatchers.segment("actors").slash("tree"),
                        () -> get(() -> parameterOptional("depth", depth ->
                                parameterOptional("path", path -> actorTree(depth, path))))),
                pathPrefix("symbols", () -> concat(
                        pathEnd(() -> concat(
                                get(this::listSymbols),
                                post(() -> entity(Unmarshaller.entityToString(), this::addSymbol)))),
                        path(PathMatchers.segment(), symbol -> concat(
                                get(() -> showSymbol(symbol)),
                                delete(() -> removeSymbol(symbol)))))),
                path("feeds", () -> get(this::feeds)),
                path("sinks", () -> get(this::sinks))))));
    }

    private Route regionStats(Optional<String> type) {
        TreeSet<String> started = new TreeSet<>(
                org.apache.pekko.cluster.sharding.ClusterSharding.get(Adapter.toClassic(system)).getShardTypeNames());
        if (type.isPresent() && !started.contains(type.get())) {
            return error(StatusCodes.NOT_FOUND, "no shard region of type '" + type.get() + "' on this node"
                    + (started.isEmpty() ? "" : " (types: " + String.join(", ", started) + ")"));
        }
        List<CompletableFuture<List<RegionStatsReport.Region>>> asks = type.map(List::of)
                .orElseGet(() -> List.copyOf(started)).stream()
                .map(this::regionsOf)
                .toList();
        CompletionStage<List<RegionStatsReport.Region>> regions = CompletableFuture
                .allOf(asks.toArray(CompletableFuture[]::new))
                .thenApply(done -> asks.stream().flatMap(ask -> ask.join().stream()).toList());
        return answer(regions, "cluster sharding",
                found -> ok(StatusCodes.OK, new RegionStatsReport(selfAddress(), found)));
    }

    private CompletableFuture<List<RegionStatsReport.Region>> regionsOf(String type) {
        ActorRef<ClusterShardingQuery> shardState = ClusterSharding.get(system).shardState();
        CompletionStage<ShardRegion.ClusterShardingStats> stats = AskPattern.ask(shardState,
                replyTo -> new GetClusterShardingStats(EntityTypeKey.create(Object.class, type),
                        settings.shardStatsTimeout(), replyTo),
                settings.askTimeout(), system.scheduler());
        return stats.thenApply(answer -> {
            List<RegionStatsReport.Region> regions = new ArrayList<>();
            for (Map.Entry<Address, ShardRegion.ShardRegionStats> region : answer.getRegions().entrySet()) {
                Map<String, Integer> perShard = new TreeMap<>(Comparator.comparing(InspectionRoutes::shardOrder)
                        .thenComparing(Comparator.naturalOrder()));
                long entities = 0;
                for (Map.Entry<String, Object> shard : region.getValue().getStats().entrySet()) {
                    int count = ((Number) shard.getValue()).intValue();
                    perShard.put(shard.getKey(), count);
                    entities += count;
                }
                regions.add(new RegionStatsReport.Region(type, region.getKey().toString(), perShard.size(),
                        entities, perShard));
            }
            regions.sort(Comparator.comparing(RegionStatsReport.Region::node));
            return regions;
        }).toCompletableFuture();
    }

    /** Shard ids are numbers: "9" before "10". */
    private static long shardOrder(String shardId) {
        try {
            return Long.parseLong(shardId);
        } catch (NumberFormatException notNumeric) {
            return Long.MAX_VALUE;
        }
    }

    private Route actorTree(Optional<String> depthParam, Optional<String> pathParam) {
        int depth;
        try {
            depth = depthParam.map(String::trim).map(Integer::parseInt).orElse(settings.defaultTreeDepth());
        } catch (NumberFormatException notANumber) {
            depth = -1;
        }
        if (depth < 0 || depth > settings.maxTreeDepth()) {
            return error(StatusCodes.BAD_REQUEST, "depth must be a whole number from 0 to " + settings.maxTreeDepth()
                    + ", not '" + depthParam.orElse("") + "'");
        }
        String path = pathParam.map(String::trim).orElse("/user");
        if (!path.startsWith("/") || path.contains("*") || path.contains("..")) {
            return error(StatusCodes.BAD_REQUEST, "path must be an actor path such as /user or /system/sharding, not '" + path + "'");
        }
        String root = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        ActorRef<ActorTreeWalker.Command> walker = system.systemActorOf(
                ActorTreeWalker.create(root, depth, settings.treeSettle(), settings.treeTimeout()),
                "inspection-actor-tree-" + walks.incrementAndGet(), Props.empty());
        CompletionStage<ActorTreeWalker.Outcome> walked = AskPattern.ask(walker, ActorTreeWalker.Walk::new,
                settings.treeTimeout().plus(settings.askTimeout()), system.scheduler());
        return answer(walked, "the actor tree walk", outcome -> {
            if (outcome instanceof ActorTreeWalker.Found found) {
                return ok(StatusCodes.OK, new ActorTreeReport(selfAddress(), found.root()));
            }
            return error(StatusCodes.NOT_FOUND, "no actor at " + root);
        });
    }

    private Route listSymbols() {
        return withServices(refs -> {
            CompletionStage<SymbolListingReport> report = listing(refs).thenCombine(routerStats(refs),
                    (listing, stats) -> new SymbolListingReport(listing.symbols().stream()
                            .map(symbol -> listed(symbol, stats))
                            .toList()));
            return answer(report, "the symbol registry", listed -> ok(StatusCodes.OK, listed));
        });
    }

    private Route addSymbol(String body) {
        String usage = "the body must be JSON like {\"symbol\": \"TSLA\", \"sources\": [\"synthetic\"]} (sources optional)";
        JsonNode request;
        try {
            request = mapper.readTree(body);
        } catch (JsonProcessingException malformed) {
            return error(StatusCodes.BAD_REQUEST, usage);
        }
        if (request == null || !request.path("symbol").isTextual()
                || !(request.path("sources").isMissingNode() || request.path("sources").isNull()
                || request.path("sources").isArray())) {
            return error(StatusCodes.BAD_REQUEST, usage);
        }
        List<String> sources = new ArrayList<>();
        for (JsonNode source : request.path("sources")) {
            if (!source.isTextual()) {
                return error(StatusCodes.BAD_REQUEST, usage);
            }
            sources.add(source.asText());
        }
        String symbol = request.path("symbol").asText();
        return withServices(refs -> answer(
                AskPattern.<SymbolRegistry.Command, SymbolRegistry.AddResult>ask(refs.registry(),
                        replyTo -> new SymbolRegistry.Add(symbol, sources, replyTo), settings.askTimeout(), system.scheduler()),
                "the symbol registry",
                result -> {
                    if (result instanceof SymbolRegistry.Added added) {
                        return ok(StatusCodes.CREATED, new AddReply(added.symbol().symbol(), true));
                    }
                    if (result instanceof SymbolRegistry.AlreadyRegistered existing) {
                        return ok(StatusCodes.OK, new AddReply(existing.symbol().symbol(), false));
                    }
                    if (result instanceof SymbolRegistry.Rejected rejected) {
                        return error(StatusCodes.BAD_REQUEST, rejected.reason());
                    }
                    SymbolRegistry.WriteFailed failed = (SymbolRegistry.WriteFailed) result;
                    return error(StatusCodes.INTERNAL_SERVER_ERROR, "could not add " + failed.symbol() + ": " + failed.reason());
                }));
    }

    private Route removeSymbol(String symbol) {
        return withServices(refs -> answer(
                AskPattern.<SymbolRegistry.Command, SymbolRegistry.RemoveResult>ask(refs.registry(),
                        replyTo -> new SymbolRegistry.Remove(symbol, replyTo), settings.askTimeout(), system.scheduler()),
                "the symbol registry",
                result -> {
                    if (result instanceof SymbolRegistry.Removed removed) {
                        return ok(StatusCodes.OK, new RemoveReply(removed.symbol().symbol(), true));
                    }
                    if (result instanceof SymbolRegistry.NotRegistered unknown) {
                        return error(StatusCodes.NOT_FOUND, "unknown symbol " + unknown.symbol());
                    }
                    SymbolRegistry.WriteFailed failed = (SymbolRegistry.WriteFailed) result;
                    return error(StatusCodes.INTERNAL_SERVER_ERROR, "could not remove " + failed.symbol() + ": " + failed.reason());
                }));
    }

    private Route showSymbol(String requested) {
        Optional<String> canonical = SymbolMapping.canonicalize(requested);
        if (canonical.isEmpty()) {
            return error(StatusCodes.NOT_FOUND, "unknown symbol " + requested);
        }
        String symbol = canonical.get();
        return withServices(refs -> answer(listing(refs).thenCombine(routerStats(refs), (listing, stats) ->
                        listing.find(symbol).map(registered -> sourcesOf(registered, stats))),
                "the symbol registry",
                registeredSources -> registeredSources.isEmpty()
                        ? error(StatusCodes.NOT_FOUND, "unknown symbol " + symbol)
                        : answer(AskPattern.<ShardingEnvelope<SymbolActor.Command>, SymbolView>ask(refs.symbols(),
                                        replyTo -> new ShardingEnvelope<>(symbol, new SymbolActor.GetView(replyTo)),
                                        settings.askTimeout(), system.scheduler())
                                        .thenCombine(liveSources(refs, symbol), (view, live) ->
                                                SymbolReport.of(view, registeredSources.get(), live)),
                                "symbol " + symbol,
                                report -> ok(StatusCodes.OK, report))));
    }

    private Route feeds() {
        return withServices(refs -> {
            if (refs.router() == null) {
                return error(StatusCodes.NOT_FOUND, "this node runs no feed router");
            }
            CompletionStage<FeedRouter.RouterStats> stats = AskPattern.ask(refs.router(), FeedRouter.GetStats::new,
                    settings.askTimeout(), system.scheduler());
            CompletionStage<List<SourceStatus>> live = AskPattern.ask(refs.router(), FeedRouter.GetLiveStatus::new,
                    settings.askTimeout(), system.scheduler());
            return answer(stats.thenCombine(live, (router, feeds) -> FeedsReport.of(router, feeds,
                            System.currentTimeMillis())),
                    "the feed router", report -> ok(StatusCodes.OK, report));
        });
    }

    /**
     * The journal's store, the projections' progress (a projection that does not answer is listed as
     * unreachable) and this node's registered sinks.
     */
    private Route sinks() {
        return withServices(refs -> {
            PersistenceProfile profile = PersistenceProfile.fromConfig(system.settings().config());
            String persistence = profile.usesPostgres() ? "postgres" : "h2";
            String database = profile.usesPostgres() ? profile.postgres().describe()
                    : system.settings().config().getString("pekko-persistence-jdbc.shared-databases.default.db.url")
                    .split(";", 2)[0];
            List<SinksReport.Sink> sinks = NodeMetrics.get(system).sinks().entrySet().stream()
                    .map(sink -> SinksReport.Sink.of(sink.getKey(), sink.getValue())).toList();
            if (refs.marketDataProjection().isEmpty()) {
                return ok(StatusCodes.OK, new SinksReport(persistence, database, List.of(), List.of(), sinks));
            }
            CompletionStage<SinksReport> report = AskPattern.<MarketDataProjection.Command,
                            MarketDataProjection.ProjectionStatus>ask(refs.projection(),
                            MarketDataProjection.GetStatus::new, settings.askTimeout(), system.scheduler())
                    .handle((status, failure) -> status != null
                            ? new SinksReport(persistence, database,
                            List.of(SinksReport.Projection.of(status, System.currentTimeMillis())), List.of(), sinks)
                            : new SinksReport(persistence, database, List.of(), List.of("market-data"), sinks));
            return answer(report, "the projections", body -> ok(StatusCodes.OK, body));
        });
    }

    /** The router's choice of live source for the symbol; empty without a router or live providers. */
    private CompletionStage<Map<String, Object>> liveSources(NodeServices.Refs refs, String symbol) {
        if (refs.router() == null) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return AskPattern.<FeedRouter.Command, FeedRouter.SymbolSources>ask(refs.router(),
                        replyTo -> new FeedRouter.GetSymbolSources(symbol, replyTo), settings.askTimeout(),
                        system.scheduler())
                .handle((answer, failure) -> answer == null ? Map.<String, Object>of() : answer.sources());
    }

    private CompletionStage<SymbolRegistry.Listing> listing(NodeServices.Refs refs) {
        return AskPattern.ask(refs.registry(), SymbolRegistry.GetSymbols::new, settings.askTimeout(), system.scheduler());
    }

    /** The router's view is an addition to the registry's: without it symbols are still listed. */
    private CompletionStage<Optional<FeedRouter.RouterStats>> routerStats(NodeServices.Refs refs) {
        if (refs.router() == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return AskPattern.<FeedRouter.Command, FeedRouter.RouterStats>ask(refs.router(), FeedRouter.GetStats::new,
                        settings.askTimeout(), system.scheduler())
                .handle((stats, failure) -> Optional.ofNullable(stats));
    }

    private static SymbolListingReport.Entry listed(SymbolRegistry.RegisteredSymbol symbol,
                                                    Optional<FeedRouter.RouterStats> stats) {
        Instrument instrument = Instrument.infer(symbol.symbol());
        boolean delivered = stats.map(router -> router.sources().stream()
                .anyMatch(source -> source.symbols().contains(symbol.symbol()))).orElse(false);
        return new SymbolListingReport.Entry(symbol.symbol(), instrument.assetClass().name(), zoneName(instrument.zone()),
                sourcesOf(symbol, stats), delivered ? "live" : "registered");
    }

    private static List<String> sourcesOf(SymbolRegistry.RegisteredSymbol symbol, Optional<FeedRouter.RouterStats> stats) {
        if (!symbol.sources().isEmpty()) {
            return symbol.sources();
        }
        return stats.map(router -> router.sources().stream()
                        .filter(source -> source.symbols().contains(symbol.symbol()))
                        .map(FeedRouter.SourceStats::source)
                        .sorted()
                        .toList())
                .orElse(List.of());
    }

    private static String zoneName(ZoneId zone) {
        return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    private Route withServices(Function<NodeServices.Refs, Route> inner) {
        return NodeServices.get(system).refs().map(inner)
                .orElseGet(() -> error(StatusCodes.SERVICE_UNAVAILABLE, "node is starting"));
    }

    private <T> Route answer(CompletionStage<T> reply, String from, Function<T, Route> onReply) {
        return onComplete(reply, result -> {
            if (result.isSuccess()) {
                return onReply.apply(result.get());
            }
            Throwable failure = result.failed().get();
            while (failure instanceof CompletionException && failure.getCause() != null) {
                failure = failure.getCause();
            }
            if (failure instanceof TimeoutException) {
                return error(StatusCodes.SERVICE_UNAVAILABLE, from + " did not answer within " + readable(settings.askTimeout()));
            }
            system.log().warn("Inspection request to {} failed", from, failure);
            return error(StatusCodes.INTERNAL_SERVER_ERROR, from + " failed: " + failure.getMessage());
        });
    }

    private static String readable(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    private String selfAddress() {
        return Cluster.get(system).selfMember().address().toString();
    }

    private Route ok(StatusCode status, Object body) {
        return complete(status, body, json);
    }

    private Route error(StatusCode status, String message) {
        return complete(status, new ErrorReply(message), json);
    }

    /** Pekko's own rejection messages (404, 405, 400 ...), turned into {"error": ...}. */
    private RejectionHandler rejections() {
        return RejectionHandler.defaultHandler().mapRejectionResponse(response -> {
            if (response.entity() instanceof HttpEntity.Strict strict) {
                try {
                    byte[] body = mapper.writeValueAsBytes(new ErrorReply(strict.getData().utf8String()));
                    return response.withEntity(ContentTypes.APPLICATION_JSON, body);
                } catch (JsonProcessingException unexpected) {
                    return response;
                }
            }
            return response;
        });
    }

    private ExceptionHandler failures() {
        return ExceptionHandler.newBuilder()
                .match(RuntimeException.class, failure -> {
                    system.log().warn("Inspection request failed", failure);
                    return error(StatusCodes.INTERNAL_SERVER_ERROR, "the request failed: " + failure.getMessage());
                })
                .build();
    }
}
