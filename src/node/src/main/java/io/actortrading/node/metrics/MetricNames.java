package io.actortrading.node.metrics;

/**
 * The node's meter names. Every name starts with {@code at.}; Micrometer's Prometheus convention
 * turns dots into underscores, adds {@code _total} to counters and the base unit to timed gauges, so
 * {@code at.ticks.in} is scraped as {@code at_ticks_in_total} and {@code at.projection.lag} as
 * {@code at_projection_lag_seconds}. A component that registers meters of its own through
 * {@link NodeMetrics#registry()} follows the same rules: {@code at.<feature>.<what>}, lower case,
 * a base unit instead of a unit in the name, tags in lower case with bounded values (a source, a
 * sink, a kind of error; never a symbol or an id). The exposed name of each constant is in brackets.
 */
public final class MetricNames {

    /** [at_ticks_in_total] counter: market events applied by the symbol actors. */
    public static final String TICKS_IN = "at.ticks.in";
    /** [at_bars_closed_total] counter: closed bars of every timeframe persisted by the symbol actors. */
    public static final String BARS_CLOSED = "at.bars.closed";
    /**
     * [at_ingest_latency_seconds{quantile}] gauge: from a feed handing an event to the router until its
     * symbol actor applied it, over the last poll interval; NaN when nothing was applied in it.
     */
    public static final String INGEST_LATENCY = "at.ingest.latency";

    /** [at_router_buffer_capacity] gauge: events the router may have in flight before feeds wait. */
    public static final String ROUTER_BUFFER_CAPACITY = "at.router.buffer.capacity";
    /** [at_router_buffer_in_flight] gauge: events handed to symbols and not yet acknowledged. */
    public static final String ROUTER_BUFFER_IN_FLIGHT = "at.router.buffer.in.flight";
    /** [at_router_buffer_fill] gauge: in flight over capacity, 0 to 1 (1: feeds are back-pressured). */
    public static final String ROUTER_BUFFER_FILL = "at.router.buffer.fill";
    /** [at_router_routed_total] counter: events the router handed to symbol actors. */
    public static final String ROUTER_ROUTED = "at.router.routed";
    /** [at_router_unknown_symbol_total] counter: events dropped because their symbol is not registered. */
    public static final String ROUTER_UNKNOWN_SYMBOL = "at.router.unknown.symbol";
    /** [at_router_batches_total] counter: batches taken from the feeds. */
    public static final String ROUTER_BATCHES = "at.router.batches";
    /** [at_router_failovers_total] counter: changes of a symbol's active live source. */
    public static final String ROUTER_FAILOVERS = "at.router.failovers";

    /** [at_feed_events_total{source}] counter: events each feed (live connection, synthetic, replay) handed the router. */
    public static final String FEED_EVENTS = "at.feed.events";
    /** [at_feed_running{source}] gauge: 1 while the feed's stream runs, 0 once it completed or failed. */
    public static final String FEED_RUNNING = "at.feed.running";

    /** [at_source_messages_total{source,provider}] counter: data messages a live connection received. */
    public static final String SOURCE_MESSAGES = "at.source.messages";
    /** [at_source_errors_total{source,provider,kind}] counter: a live connection's failures by kind. */
    public static final String SOURCE_ERRORS = "at.source.errors";
    /** [at_source_reconnects_total{source,provider}] counter: reconnects of a live connection. */
    public static final String SOURCE_RECONNECTS = "at.source.reconnects";
    /** [at_source_breaker_state{source,provider}] gauge: 0 closed, 1 half-open, 2 open. */
    public static final String SOURCE_BREAKER_STATE = "at.source.breaker.state";
    /** [at_source_state{source,provider,state}] gauge: 1 for the connection's current state, 0 for the others. */
    public static final String SOURCE_STATE = "at.source.state";
    /** [at_source_last_message_age_seconds{source,provider}] gauge: since the last data message; NaN before the first. */
    public static final String SOURCE_LAST_MESSAGE_AGE = "at.source.last.message.age";

    /** [at_shard_region_shards{type}] gauge: shards hosted by this node's region of the entity type. */
    public static final String SHARD_REGION_SHARDS = "at.shard.region.shards";
    /** [at_shard_region_entities{type}] gauge: entities running in this node's region of the entity type. */
    public static final String SHARD_REGION_ENTITIES = "at.shard.region.entities";

    /** [at_sink_buffer_fill{sink}] gauge: a sink's buffer use, 0 to 1. */
    public static final String SINK_BUFFER_FILL = "at.sink.buffer.fill";
    /** [at_sink_dropped_total{sink}] counter: items a sink dropped because its buffer was full. */
    public static final String SINK_DROPPED = "at.sink.dropped";
    /** [at_sink_written_total{sink}] counter: items a sink wrote. */
    public static final String SINK_WRITTEN = "at.sink.written";
    /** [at_sink_connected{sink}] gauge: 1 while the sink reaches its server, else 0. */
    public static final String SINK_CONNECTED = "at.sink.connected";
    /** [at_projection_lag_seconds{projection}] gauge: how far a projection is behind the journal. */
    public static final String PROJECTION_LAG = "at.projection.lag";
    /** [at_persistence_failures_total{store}] counter: failed writes of a persistence store. */
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

    private MetricNames() {
    }
}
