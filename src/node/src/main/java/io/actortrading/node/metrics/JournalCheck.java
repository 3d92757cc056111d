package io.actortrading.node.metrics;

import com.typesafe.config.Config;
import org.apache.pekko.actor.ActorSystem;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Readiness: the journal's database answers {@code SELECT 1} on a connection of its own, opened with
 * the settings the journal uses ({@code jdbc-journal.use-shared-db}, else {@code jdbc-journal.slick.db}).
 *
 * <p>JDBC blocks, so the probe runs on {@code actortrading.health.journal-dispatcher}, never on an
 * actor's or the HTTP server's thread, and the check gives up after {@code journal-timeout}. While a
 * probe is still blocked (a database that accepts connections and never answers) no second one is
 * started: the check fails at once, so a stuck database cannot pile up threads.
 */
public final class JournalCheck implements Supplier<CompletionStage<Boolean>> {

    static final String NAME = "journal";

    /** Where the journal's database is; the password is only ever handed to the driver. */
    public record Database(String url, String user, String password) {

        private static final Pattern URL_SECRETS = Pattern.compile("(?i)((?:password|pwd)=)[^&;]*");
        private static final Pattern URL_USER_INFO = Pattern.compile("//[^/@]*@");

        /** The journal's database in the actor system's configuration. */
        public static Database of(Config config) {
            String shared = config.hasPath("jdbc-journal.use-shared-db") ? config.getString("jdbc-journal.use-shared-db") : "";
            Config db = shared.isBlank() ? config.getConfig("jdbc-journal.slick.db")
                    : config.getConfig("pekko-persistence-jdbc.shared-databases." + shared + ".db");
            return new Database(db.getString("url"), db.hasPath("user") ? db.getString("user") : "",
                    db.hasPath("password") ? db.getString("password") : "");
        }

        /** The URL as it may be shown: without credentials in it. */
        public String shownUrl() {
            return URL_SECRETS.matcher(URL_USER_INFO.matcher(url).replaceAll("//***@")).replaceAll("$1***");
        }

        /** A driver's message, which may quote the URL or echo the password, made fit to show. */
        public String shown(String message) {
            String shown = message == null ? "" : message.replace(url, shownUrl());
            return password.isEmpty() ? shown : shown.replace(password, "***");
        }

        @Override
        public String toString() {
            return "Database[" + shownUrl() + ", user " + user + "]";
        }
    }

    private static final String PROBE = "SELECT 1";

    private final Database database;
    private final Duration timeout;
    private final Executor blocking;
    private CompletableFuture<Boolean> running = CompletableFuture.completedFuture(true);

    public JournalCheck(ActorSystem system) {
        this(Database.of(system.settings().config()),
                system.settings().config().getDuration("actortrading.health.journal-timeout"),
                system.dispatchers().lookup("actortrading.health.journal-dispatcher"));
    }

    JournalCheck(Database database, Duration timeout, Executor blocking) {
        this.database = database;
        this.timeout = timeout;
        this.blocking = blocking;
    }

    @Override
    public synchronized CompletionStage<Boolean> get() {
        if (!running.isDone()) {
            return CompletableFuture.failedFuture(new NotReady(NAME, "an earlier probe of the journal database at "
                    + database.shownUrl() + " has not returned yet"));
        }
        running = CompletableFuture.supplyAsync(this::probe, blocking);
        return running.copy()
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(notReady(failure)));
    }

    private boolean probe() {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement statement = connection.createStatement()) {
            statement.execute(PROBE);
            return true;
        } catch (SQLException unreachable) {
            throw new CompletionException(unreachable);
        }
    }

    private NotReady notReady(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TimeoutException) {
            return new NotReady(NAME, "the journal database at " + database.shownUrl() + " did not answer within "
                    + timeout.toMillis() + " ms");
        }
        return new NotReady(NAME, "cannot reach the journal database at " + database.shownUrl() + ": "
                + database.shown(cause.getMessage()));
    }
}
