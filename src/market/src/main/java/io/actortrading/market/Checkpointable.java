package io.actortrading.market;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Rolling state that can be written to a snapshot and read back bit for bit. Doubles are written as
 * their raw bits so that a recovered symbol computes exactly what an uninterrupted one would.
 */
public interface Checkpointable {

    void writeState(DataOutput out) throws IOException;

    /** Replaces this object's state with what {@link #writeState} wrote; configuration is not part of it. */
    void readState(DataInput in) throws IOException;
}
