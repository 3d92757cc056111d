package io.actortrading.node;

/**
 * Marker for messages, events and snapshots that cross the wire or reach the journal: bound to
 * Pekko's jackson-cbor serializer in reference.conf, so nothing falls back to Java serialization.
 */
public interface CborSerializable {
}
