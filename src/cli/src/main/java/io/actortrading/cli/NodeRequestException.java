package io.actortrading.cli;

/**
 * A request to a node that did not give atctl what it asked for. The message is the one line the user
 * sees after {@code atctl: }; it never contains the bearer token.
 */
public final class NodeRequestException extends RuntimeException {

    /** The node could not be reached or failed on its side: retrying later may help. */
    public static final int NODE_FAILURE = 1;
    /** The node refused what was asked (unknown symbol, invalid input, not allowed). */
    public static final int REFUSED = 2;

    private final int exitCode;

    public NodeRequestException(int exitCode, String message) {
        // No stack trace: the user sees one line, and the place in atctl where it was thrown tells them nothing.
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
