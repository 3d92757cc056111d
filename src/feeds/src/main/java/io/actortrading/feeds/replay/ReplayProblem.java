package io.actortrading.feeds.replay;

import java.nio.file.Path;

/**
 * One malformed line of a replay file, skipped.
 *
 * @param line   1-based line number
 * @param reason what was wrong, e.g. {@code close is not a finite decimal number: "NaN"}
 */
public record ReplayProblem(Path file, long line, String reason) {

    /** {@code file:line: reason}, the form compilers use, which editors and terminals link to the line. */
    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
