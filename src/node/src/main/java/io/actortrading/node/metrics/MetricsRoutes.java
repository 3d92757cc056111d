package io.actortrading.node.metrics;

import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.management.javadsl.ManagementRouteProvider;
import org.apache.pekko.management.javadsl.ManagementRouteProviderSettings;

import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics}: every meter of {@link NodeMetrics} in Prometheus' text format, on the inspection
 * endpoint. Registered under {@code pekko.management.http.routes}; constructing it creates the
 * metrics extension, which starts its poller once the node's actors are up.
 */
public final class MetricsRoutes extends AllDirectives implements ManagementRouteProvider {

    /** What Prometheus asks for and what the registry writes. */
    static final ContentType PROMETHEUS_TEXT = ContentTypes.parse("text/plain; version=0.0.4; charset=utf-8");

    private final NodeMetrics metrics;

    public MetricsRoutes(ExtendedActorSystem system) {
        this.metrics = NodeMetrics.get(Adapter.toTyped(system));
    }

    @Override
    public Route routes(ManagementRouteProviderSettings settings) {
        return path("metrics", () -> get(() -> complete(HttpEntities.create(PROMETHEUS_TEXT, metrics.scrape().getBytes(StandardCharsets.UTF_8)))));
    }
}
