package io.actortrading.node.metrics;

import io.actortrading.node.symbol.SymbolActor;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.cluster.sharding.ClusterSharding;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** Readiness: the {@code symbol} shard region is started on this node, so symbols can be delivered here. */
public final class SymbolRegionCheck implements Supplier<CompletionStage<Boolean>> {

    static final String NAME = "symbol-region";

    private final ClusterSharding sharding;

    public SymbolRegionCheck(ActorSystem system) {
        this.sharding = ClusterSharding.get(system);
    }

    @Override
    public CompletionStage<Boolean> get() {
        if (sharding.getShardTypeNames().contains(SymbolActor.TYPE_KEY.name())) {
            return CompletableFuture.completedFuture(true);
        }
        return CompletableFuture.failedFuture(new NotReady(NAME,
                "the " + SymbolActor.TYPE_KEY.name() + " shard region is not started on this node"));
    }
}
