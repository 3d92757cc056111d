package io.actortrading.feeds.replay;

import io.actortrading.market.MarketEvent;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Turns one replay file into market events, one record at a time. Line formats read a line per call;
 * formats that hold one provider response body per file can read the whole input on their first call.
 * Bad content goes to the file's {@link ReplayTally}, never out as an exception.
 */
interface ReplayDecoder {

    /** Decodes the next record into {@code sink}; false when the input is exhausted. */
    boolean next(Consumer<MarketEvent> sink) throws IOException;
}
