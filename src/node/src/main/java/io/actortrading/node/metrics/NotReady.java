package io.actortrading.node.metrics;

/**
 * A readiness check's failure, naming the check and saying why. Pekko Management reports a failed
 * check under a generated class name; {@link HealthRoutes} answers with this message instead.
 */
public final class NotReady extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String check;

    public NotReady(String check, String reason) {
        super(check + ": " + reason, null, false, false);
        this.check = check;
    }

    /** The check's name, as in {@code pekko.management.health-checks.readiness-checks}. */
    public String check() {
        return check;
    }
}
