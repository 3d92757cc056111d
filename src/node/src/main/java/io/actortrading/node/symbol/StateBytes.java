package io.actortrading.node.symbol;

import io.actortrading.market.Checkpointable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A {@link Checkpointable}'s state as bytes (snapshots, rebuild checkpoints, inspection copies) and back. */
final class StateBytes {

    private StateBytes() {
    }

    static byte[] of(Checkpointable state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            state.writeState(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Replaces {@code state} with what {@code bytes} hold. */
    static void read(Checkpointable state, byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            state.readState(in);
        }
    }
}
