package io.actortrading.node.metrics;

import java.util.Map;

/**
 * The node's meter names. Every name starts with {@code at.}; Micrometer's Prometheus convention
 * turns dots into underscores, adds {@code _total} to counters and the base unit to timed gauges, so
 * {@code at.ticks.in} is scraped as {@code at_ticks_in_total} and {@code at.projection.lag} as
 * {@code at_projection_lag_seconds}. A component that registers meters of its own through
 * {@link NodeMetrics#registry()} follows the same rules: {@code at.<feature>.<what>}, lower case,
 * a base unit instead of a unit in the name, tags in lower case with bounded values (a source, a
 * sink, a kind of error; never a symbol or an id). Each constant's comment gives its exposed name and
 * type; {@link #description} what it means.
 */
public final class MetricNames {

    /** at_ticks_in_total, counter. */
    public static final String TICKS_IN = "at.ticks.in";
    /** at_bars_closed_total, counter. */
    public static final String BARS_CLOSED = "at.bars.closed";
    /** at_symbol_restarts_total, counter. */
    public static final String SYMBOL_RESTARTS = "at.symbol.restarts";
    /** at_ingest_latency_seconds{quantile}, gauge. */
    public static final String INGEST_LATENCY = "at.ingest.latency";
    /** at_router_buffer_capacity, gauge. */
    public static final String ROUTER_BUFFER_CAPACITY = "at.router.buffer.capacity";
    /** at_router_buffer_in_flight, gauge. */
    public static final String ROUTER_BUFFER_IN_FLIGHT = "at.router.buffer.in.flight";
    /** at_router_buffer_fill, gauge. */
    public static final String ROUTER_BUFFER_FILL = "at.router.buffer.fill";
    /** at_router_routed_total, counter. */
    public static final String ROUTER_ROUTED = "at.router.routed";
    /** at_router_unknown_symbol_total, counter. */
    public static final String ROUTER_UNKNOWN_SYMBOL = "at.router.unknown.symbol";
    /** at_router_batches_total, counter. */
    public static final String ROUTER_BATCHES = "at.router.batches";
    /** at_router_failovers_total, counter. */
    public static final String ROUTER_FAILOVERS = "at.router.failovers";
    /** at_feed_events_total{source}, counter. */
    public static final String FEED_EVENTS = "at.feed.events";
    /** at_feed_running{source}, gauge. */
    public static final String FEED_RUNNING = "at.feed.running";
    /** at_source_messages_total{source,provider}, counter. */
    public static final String SOURCE_MESSAGES = "at.source.messages";
    /** at_source_errors_total{source,provider,kind}, counter. */
    public static final String SOURCE_ERRORS = "at.source.errors";
    /** at_source_reconnects_total{source,provider}, counter. */
    public static final String SOURCE_RECONNECTS = "at.source.reconnects";
    /** at_source_breaker_state{source,provider}, gauge. */
    public static final String SOURCE_BREAKER_STATE = "at.source.breaker.state";
    /** at_source_state{source,provider,state}, gauge. */
    public static final String SOURCE_STATE = "at.source.state";
    /** at_source_last_message_age_seconds{source,provider}, gauge. */
    public static final String SOURCE_LAST_MESSAGE_AGE = "at.source.last.message.age";
    /** at_shard_region_shards{type}, gauge. */
    public static final String SHARD_REGION_SHARDS = "at.shard.region.shards";
    /** at_shard_region_entities{type}, gauge. */
    public static final String SHARD_REGION_ENTITIES = "at.shard.region.entities";
    /** at_sink_buffer_fill{sink}, gauge. */
    public static final String SINK_BUFFER_FILL = "at.sink.buffer.fill";
    /** at_sink_dropped_total{sink}, counter. */
    public static final String SINK_DROPPED = "at.sink.dropped";
    /** at_sink_written_total{sink}, counter. */
    public static final String SINK_WRITTEN = "at.sink.written";
    /** at_sink_connected{sink}, gauge. */
    public static final String SINK_CONNECTED = "at.sink.connected";
    /** at_projection_lag_seconds{projection}, gauge. */
    public static final String PROJECTION_LAG = "at.projection.lag";
    /** at_persistence_failures_total{store}, counter. */
    public static final String PERSISTENCE_FAILURES = "at.persistence.failures";

    public static final String TAG_SOURCE = "source";
    public static final String TAG_PROVIDER = "provider";
    public static final String TAG_KIND = "kind";
    public static final String TAG_STATE = "state";
    public static final String TAG_TYPE = "type";
    public static final String TAG_QUANTILE = "quantile";
    public static final String TAG_SINK = "sink";
    public static final String TAG_PROJECTION = "projection";
    public static final String TAG_STORE = "store";

    private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry(TICKS_IN, "market events applied by the symbol actors"),
            Map.entry(BARS_CLOSED, "closed bars of every timeframe persisted by the symbol actors"),
            Map.entry(SYMBOL_RESTARTS, "symbol actors restarted with backoff after a failure: a journal write or "
                    + "recovery that failed (database away) or a poison message"),
            Map.entry(INGEST_LATENCY, "seconds from a feed handing an event to the router until its symbol actor "
                    + "applied it, a quantile over the last poll interval; NaN when nothing was applied in it"),
            Map.entry(ROUTER_BUFFER_CAPACITY, "events the router may have in flight before feeds wait"),
            Map.entry(ROUTER_BUFFER_IN_FLIGHT, "events handed to symbols and not yet acknowledged"),
            Map.entry(ROUTER_BUFFER_FILL, "in flight over capacity, 0 to 1 (1: feeds are back-pressured)"),
            Map.entry(ROUTER_ROUTED, "events the router handed to symbol actors"),
            Map.entry(ROUTER_UNKNOWN_SYMBOL, "events dropped because their symbol is not registered"),
            Map.entry(ROUTER_BATCHES, "batches taken from the feeds"),
            Map.entry(ROUTER_FAILOVERS, "changes of a symbol's active live source"),
            Map.entry(FEED_EVENTS, "events each feed (live connection, synthetic, replay) handed the router"),
            Map.entry(FEED_RUNNING, "1 while a feed's stream runs, 0 once it completed or failed"),
            Map.entry(SOURCE_MESSAGES, "data messages a live connection received"),
            Map.entry(SOURCE_ERRORS, "a live connection's failures by kind"),
            Map.entry(SOURCE_RECONNECTS, "reconnects of a live connection"),
            Map.entry(SOURCE_BREAKER_STATE, "a live connection's circuit breaker: 0 closed, 1 half-open, 2 open"),
            Map.entry(SOURCE_STATE, "a live connection's state: 1 for its current state, 0 for the others"),
            Map.entry(SOURCE_LAST_MESSAGE_AGE, "seconds since a live connection's last data message; NaN before the first"),
            Map.entry(SHARD_REGION_SHARDS, "shards hosted by this node's region of the entity type"),
            Map.entry(SHARD_REGION_ENTITIES, "entities running in this node's region of the entity type"),
            Map.entry(SINK_BUFFER_FILL, "a sink's buffer use, 0 to 1"),
            Map.entry(SINK_DROPPED, "items a sink dropped: its buffer was full, or its server did not take them"),
            Map.entry(SINK_WRITTEN, "items a sink wrote"),
            Map.entry(SINK_CONNECTED, "1 while the sink reaches its server, else 0"),
            Map.entry(PROJECTION_LAG, "seconds a projection is behind the journal"),
            Map.entry(PERSISTENCE_FAILURES, "failed writes of a persistence store"));

    /** What a meter of this node means, for the HELP line of its scrape. */
    static String description(String name) {
        return DESCRIPTIONS.getOrDefault(name, "");
    }

    private MetricNames() {
    }
}
