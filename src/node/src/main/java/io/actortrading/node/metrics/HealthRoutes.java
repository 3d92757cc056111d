package io.actortrading.node.metrics;

import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.management.HealthCheckSettings;
import org.apache.pekko.management.javadsl.CheckResult;
import org.apache.pekko.management.javadsl.HealthChecks;
import org.apache.pekko.management.javadsl.ManagementRouteProvider;
import org.apache.pekko.management.javadsl.ManagementRouteProviderSettings;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The health endpoints on the inspection port: liveness ({@code /health}), readiness ({@code /ready})
 * and start-up ({@code /startup}), paths and checks as configured under
 * {@code pekko.management.health-checks}. They run Pekko Management's health checks; this provider
 * takes the place of Pekko's own health routes (switched off in reference.conf) only to answer a
 * failed check with 503 and a body that names the check and says why (Pekko's answers 500 and names
 * a Java check by a generated class name).
 */
public final class HealthRoutes extends AllDirectives implements ManagementRouteProvider {

    static final String OK = "OK";

    private final HealthCheckSettings settings;
    private final HealthChecks checks;

    public HealthRoutes(ExtendedActorSystem system) {
        this.settings = HealthCheckSettings.create(system.settings().config().getConfig("pekko.management.health-checks"));
        this.checks = new HealthChecks(system, settings);
    }

    @Override
    public Route routes(ManagementRouteProviderSettings routeSettings) {
        return concat(
                endpoint(settings.livenessPath(), "not alive", checks::aliveResult),
                endpoint(settings.readinessPath(), "not ready", checks::readyResult),
                endpoint(settings.startupPath(), "not started", checks::startupResult));
    }

    private Route endpoint(String path, String verdict, Supplier<CompletionStage<CheckResult>> check) {
        return path(PathMatchers.separateOnSlashes(path), () -> get(() -> onComplete(check.get(), outcome -> {
            if (outcome.isSuccess() && outcome.get().isSuccess()) {
                return complete(StatusCodes.OK, OK);
            }
            String reason = outcome.isSuccess() ? outcome.get().failure().orElse("") : reason(outcome.failed().get());
            return complete(StatusCodes.SERVICE_UNAVAILABLE, verdict + ": " + reason);
        })));
    }

    /** A {@link NotReady} anywhere in the chain says it best; otherwise Pekko's own words (a timeout). */
    private static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NotReady notReady) {
                return notReady.getMessage();
            }
        }
        return String.valueOf(failure.getMessage());
    }
}
