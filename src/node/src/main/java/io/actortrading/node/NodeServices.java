package io.actortrading.node;

import io.actortrading.node.feed.FeedRouter;
import io.actortrading.node.projection.MarketDataProjection;
import io.actortrading.node.registry.SymbolRegistry;
import io.actortrading.node.symbol.SymbolActor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The actors the node's guardian started, for code that lives outside the actor tree (the
 * inspection routes, the command-line runners). Empty until the guardian has started them.
 */
public final class NodeServices implements Extension {

    /**
     * What the guardian publishes once the node's actors are up.
     *
     * @param projection the market_data projection (a proxy to the cluster singleton), null without
     *                   the postgres persistence profile
     */
    public record Refs(ActorRef<SymbolRegistry.Command> registry,
                       ActorRef<FeedRouter.Command> router,
                       ActorRef<ShardingEnvelope<SymbolActor.Command>> symbols,
                       ActorRef<MarketDataProjection.Command> projection) {

        /** A node without read-side projections (the embedded journal). */
        public Refs(ActorRef<SymbolRegistry.Command> registry, ActorRef<FeedRouter.Command> router,
                    ActorRef<ShardingEnvelope<SymbolActor.Command>> symbols) {
            this(registry, router, symbols, null);
        }

        public Optional<ActorRef<MarketDataProjection.Command>> marketDataProjection() {
            return Optional.ofNullable(projection);
        }
    }

    private final CompletableFuture<Refs> refs = new CompletableFuture<>();

    public void publish(Refs started) {
        refs.complete(started);
    }

    public Optional<Refs> refs() {
        return Optional.ofNullable(refs.getNow(null));
    }

    /** Completes once the guardian has started the node's actors. */
    public CompletionStage<Refs> started() {
        return refs.minimalCompletionStage();
    }

    public static NodeServices get(ActorSystem<?> system) {
        return Id.INSTANCE.apply(system);
    }

    private static final class Id extends ExtensionId<NodeServices> {
        private static final Id INSTANCE = new Id();

        @Override
        public NodeServices createExtension(ActorSystem<?> system) {
            return new NodeServices();
        }
    }
}
