package io.actortrading.feeds.replay;

import java.io.IOException;
import java.io.Reader;

/**
 * Splits a character stream into lines ({@code \n}, {@code \r\n} or {@code \r}) and hands each out as
 * a region of an internal buffer instead of a new String. Lines longer than a limit are reported and
 * discarded rather than buffered: a file without line breaks must not take the heap with it.
 */
final class LineInput implements AutoCloseable {

    /** A Polygon frame carrying the minute aggregates of every US ticker is a few MB; this leaves room. */
    static final int MAX_LINE_LENGTH = 8 << 20;

    private static final int INITIAL_CAPACITY = 1 << 16;

    private final Reader reader;
    private final int maxLineLength;
    private char[] buffer = new char[INITIAL_CAPACITY];
    private int position;
    private int limit;
    private boolean endOfInput;
    private boolean skipLineFeed;

    private long lineNumber;
    private int lineStart;
    private int lineEnd;
    private boolean overlong;

    LineInput(Reader reader) {
        this(reader, MAX_LINE_LENGTH);
    }

    LineInput(Reader reader, int maxLineLength) {
        this.reader = reader;
        this.maxLineLength = maxLineLength;
    }

    /**
     * Advances to the next line; false at the end of the input. The line is then
     * {@code buffer()[start(), end())} without its terminator, unless {@link #overlong()}.
     */
    boolean next() throws IOException {
        int scan = position;
        boolean discarding = false;
        while (true) {
            for (int i = scan; i < limit; i++) {
                char c = buffer[i];
                if (skipLineFeed) {
                    skipLineFeed = false;
                    if (c == '\n' && i == position) {
                        position++;
                        continue;
                    }
                }
                if (c == '\n' || c == '\r') {
                    lineNumber++;
                    lineStart = position;
                    lineEnd = i;
                    overlong = discarding || i - position > maxLineLength;
                    position = i + 1;
                    skipLineFeed = c == '\r';
                    return true;
                }
            }
            if (endOfInput) {
                if (position < limit || discarding) {
                    lineNumber++;
                    lineStart = position;
                    lineEnd = limit;
                    overlong = discarding || limit - position > maxLineLength;
                    position = limit;
                    return true;
                }
                return false;
            }
            if (limit - position > maxLineLength) {
                discarding = true;
                position = limit;
            }
            scan = fill();
        }
    }

    /** Reads more input after compacting the unread part; returns where scanning resumes. */
    private int fill() throws IOException {
        int unread = limit - position;
        if (unread * 2 > buffer.length && buffer.length <= maxLineLength) {
            char[] grown = new char[Math.min(buffer.length * 2, maxLineLength + INITIAL_CAPACITY)];
            System.arraycopy(buffer, position, grown, 0, unread);
            buffer = grown;
        } else if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, unread);
        }
        position = 0;
        limit = unread;
        int read = reader.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            endOfInput = true;
        } else {
            limit += read;
        }
        return unread;
    }

    char[] buffer() {
        return buffer;
    }

    int start() {
        return lineStart;
    }

    int end() {
        return lineEnd;
    }

    /** 1-based number of the current line. */
    long lineNumber() {
        return lineNumber;
    }

    int maxLineLength() {
        return maxLineLength;
    }

    /** Whether the current line exceeded the limit and was dropped: its region is then meaningless. */
    boolean overlong() {
        return overlong;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
