package io.actortrading.node.inspect;

/** {@code GET /api/actors/tree}: the actors under a path on the node that answered. */
public record ActorTreeReport(String node, ActorTreeWalker.ActorNode root) {
}
