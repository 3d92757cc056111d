package io.actortrading.node.metrics;

import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.MemberStatus;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Readiness: this node is an Up (or WeaklyUp) member of the cluster. Replaces Pekko's own
 * cluster-membership check, whose failure does not say which state the node is in.
 */
public final class MemberUpCheck implements Supplier<CompletionStage<Boolean>> {

    static final String NAME = "cluster-membership";

    private final Cluster cluster;

    public MemberUpCheck(ActorSystem system) {
        this.cluster = Cluster.get(system);
    }

    @Override
    public CompletionStage<Boolean> get() {
        MemberStatus status = cluster.selfMember().status();
        if (status == MemberStatus.up() || status == MemberStatus.weaklyUp()) {
            return CompletableFuture.completedFuture(true);
        }
        return CompletableFuture.failedFuture(new NotReady(NAME, "this node is " + status + " in the cluster, not Up"));
    }
}
