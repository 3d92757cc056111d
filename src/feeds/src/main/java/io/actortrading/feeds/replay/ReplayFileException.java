package io.actortrading.feeds.replay;

import java.nio.file.Path;

/** A replay file that cannot be opened or read at all (as opposed to malformed lines, which are skipped). */
public final class ReplayFileException extends RuntimeException {

    private final transient Path file;

    public ReplayFileException(Path file, String reason, Throwable cause) {
        super("replay file " + file + ": " + reason, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
