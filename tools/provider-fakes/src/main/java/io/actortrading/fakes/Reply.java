package io.actortrading.fakes;

/**
 * One HTTP answer of a fake provider, before it becomes a response (so the garbage fault can spoil the
 * body of a successful JSON answer).
 *
 * @param json whether the body is JSON (else plain text)
 */
record Reply(int status, boolean json, String body) {

    static final int OK = 200;
    static final int BAD_REQUEST = 400;
    static final int UNAUTHORIZED = 401;
    static final int FORBIDDEN = 403;
    static final int NOT_FOUND = 404;
    static final int UNPROCESSABLE = 422;
    static final int TOO_MANY_REQUESTS = 429;
    static final int INTERNAL_ERROR = 500;
    static final int UNAVAILABLE = 503;

    static Reply json(int status, Object body) {
        return new Reply(status, true, body.toString());
    }

    static Reply text(int status, String body) {
        return new Reply(status, false, body);
    }
}
