package io.actortrading.feeds.replay;

import io.actortrading.market.MarketEvent;
import java.io.IOException;
import java.util.function.Consumer;

/** A replay format with one record per line. Blank lines are allowed anywhere and ignored. */
abstract class LineDecoder implements ReplayDecoder {

    private final LineInput input;
    final ReplayTally tally;

    LineDecoder(LineInput input, ReplayTally tally) {
        this.input = input;
        this.tally = tally;
    }

    @Override
    public final boolean next(Consumer<MarketEvent> sink) throws IOException {
        if (!input.next()) {
            return false;
        }
        long line = input.lineNumber();
        tally.lines = line;
        if (input.overlong()) {
            tally.problem(line, "line longer than " + input.maxLineLength() + " characters");
            return true;
        }
        char[] text = input.buffer();
        int start = input.start();
        int end = input.end();
        while (start < end && isBlank(text[start])) {
            start++;
        }
        while (end > start && isBlank(text[end - 1])) {
            end--;
        }
        if (start < end) {
            decodeLine(text, start, end, line, sink);
        }
        return true;
    }

    /** Decodes {@code text[start, end)}, line {@code line} of the file, trimmed and not empty. */
    abstract void decodeLine(char[] text, int start, int end, long line, Consumer<MarketEvent> sink);

    /** Blanks and the byte order mark some editors put at the start of a UTF-8 file. */
    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\uFEFF';
    }

    /** Offending text for a problem report, cut short so one bad line cannot flood the report. */
    static String excerpt(char[] text, int from, int to) {
        int length = Math.min(to - from, 60);
        String shown = new String(text, from, length);
        return '"' + shown + (to - from > length ? "...\"" : "\"");
    }
}
