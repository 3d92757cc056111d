package io.actortrading.feeds.replay;

import io.actortrading.feeds.ProviderReply;
import io.actortrading.market.MarketEvent;

import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Formats that hold one provider response body per file (a recorded REST answer): the whole file is
 * one record, decoded by the provider's own codec as if it had arrived with HTTP 200. A recorded
 * error body is reported as a problem of the file, so the replay says what the provider said.
 */
final class ResponseBodyDecoder implements ReplayDecoder {

    /** Recorded bodies are replayed as the successful answers they were. */
    static final int HTTP_OK = 200;
    /**
     * A recording has no "now": every bar in it counts as finished (a recorder that caught a
     * still-forming last minute should drop it when recording).
     */
    static final long RECORDED = Long.MAX_VALUE;

    /** A response larger than this is not a recording of one REST answer; it is refused, not buffered. */
    private static final int MAX_BODY_CHARS = 256 << 20;
    private static final long WHOLE_FILE = 1;

    private final LineInput input;
    private final ReplayTally tally;
    private final Function<String, ProviderReply> codec;
    private boolean done;

    ResponseBodyDecoder(LineInput input, ReplayTally tally, Function<String, ProviderReply> codec) {
        this.input = input;
        this.tally = tally;
        this.codec = codec;
    }

    @Override
    public boolean next(Consumer<MarketEvent> sink) throws IOException {
        if (done) {
            return false;
        }
        done = true;
        StringBuilder body = new StringBuilder();
        while (input.next()) {
            tally.lines = input.lineNumber();
            if (input.overlong() || body.length() + (input.end() - input.start()) > MAX_BODY_CHARS) {
                tally.problem(input.lineNumber(), "response body larger than " + MAX_BODY_CHARS + " characters");
                return true;
            }
            body.append(input.buffer(), input.start(), input.end() - input.start()).append('\n');
        }
        ProviderReply reply = codec.apply(body.toString());
        if (reply instanceof ProviderReply.Data data) {
            data.events().forEach(sink);
        } else if (reply instanceof ProviderReply.Failure failure) {
            // The response is the file's one record: an empty file is one empty response.
            tally.lines = Math.max(tally.lines, WHOLE_FILE);
            tally.problem(WHOLE_FILE, "the recorded response is an error (" + failure.kind() + "): " + failure.message());
        }
        return true;
    }
}
