package io.actortrading.market.indicators;

import java.io.DataInput;
import java.io.IOException;

/** Checks on indicator snapshots: a state written by an indicator of another period must not be read silently. */
final class Snapshots {

    private Snapshots() {
    }

    static void expectPeriod(DataInput in, String indicator, int period) throws IOException {
        int written = in.readInt();
        if (written != period) {
            throw new IOException("snapshot holds " + indicator + "(" + written + "), this is " + indicator + "(" + period + ")");
        }
    }
}
