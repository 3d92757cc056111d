package io.actortrading.node.metrics;

/**
 * What a sink (a Redis publisher, a database writer) reports to the metrics endpoint, read at every
 * scrape through the supplier given to {@link NodeMetrics#registerSink}.
 *
 * @param buffered  items waiting in the sink's buffer
 * @param capacity  the buffer's size; 0 for a sink without a buffer
 * @param dropped   items dropped because the buffer was full or the server did not take them, since start
 * @param written   items written, since start
 * @param connected whether the sink reaches its server now
 */
public record SinkStatus(long buffered, long capacity, long dropped, long written, boolean connected) {

    /** Buffer use from 0 to 1; 0 without a buffer. */
    public double fill() {
        return capacity <= 0 ? 0.0 : (double) buffered / capacity;
    }
}
