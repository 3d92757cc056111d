package io.actortrading.node.projection;

import io.actortrading.market.Timeframe;
import io.actortrading.node.CborSerializable;
import io.actortrading.node.persistence.PersistenceProfile;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.event.Logging;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Fills {@code market_data} from the journal: every event tagged {@code bar} (closed bars, merged
 * backfills), read with the JDBC read journal from the offset stored in PostgreSQL, in batches written
 * with their offset in one transaction ({@link MarketDataTable}). One instance runs per cluster (a
 * cluster singleton), so rows are written once.
 *
 * <p>The database going away fails the running batch; the stream restarts with backoff and, once the
 * database answers again, resumes from the stored offset: rows are delayed, never lost or doubled.
 * The outage is logged once when it starts and once when it ends; the JDBC calls run on their own
 * dispatcher, never on the actor's thread.
 */
public final class MarketDataProjection {

    public sealed interface Command extends CborSerializable permits GetStatus, Progress, Failed, Measured, MeasureLag {
    }

    /** What the projection has done, with its lag measured now. */
    public record GetStatus(ActorRef<ProjectionStatus> replyTo) implements Command {
    }

    /** A batch committed. */
    private record Progress(MarketDataTable.Written written) implements Command {
    }

    /** A read or write failed; the stream restarts with backoff. */
    private record Failed(String reason) implements Command {
    }

    /** @param lagMillis null when the database could not be asked */
    private record Measured(Long lagMillis) implements Command {
    }

    /** The timer: measure the lag for the node's metrics. */
    private enum MeasureLag implements Command { INSTANCE }

    /**
     * @param lagMillis      age of the oldest journaled bar event not yet in the table; 0 when none is waiting,
     *                       -1 when it could not be measured (the database is unreachable)
     * @param failing        the last attempt failed and the stream is backing off
     */
    public record ProjectionStatus(String name, boolean failing, long offset, long eventsProjected, long rowsWritten,
                                   long batches, long failures, String lastError, long lastBatchAtMillis,
                                   long lagMillis) implements CborSerializable {
    }

    public static Behavior<Command> create(ProjectionSettings settings, PersistenceProfile.PostgresSettings pg,
                                           List<Timeframe> timeframes) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(MeasureLag.INSTANCE, settings.lagInterval());
            return new MarketDataProjection(context, settings, pg, timeframes).running();
        }));
    }

    private final ActorContext<Command> context;
    private final ProjectionSettings settings;
    private final Executor blocking;
    private final MarketDataTable writer;
    /** A second connection for status queries, so they never wait behind a batch. */
    private final MarketDataTable reader;
    private final UniqueKillSwitch killSwitch;
    private final ProjectionGauges gauges;
    /** Status requests waiting for the lag query that runs. */
    private final List<ActorRef<ProjectionStatus>> waiting = new ArrayList<>();

    private long offset;
    private long events;
    private long rows;
    private long batches;
    private long failures;
    private boolean failing;
    private String lastError = "";
    private long lastBatchAt;
    private boolean measuring;

    private MarketDataProjection(ActorContext<Command> context, ProjectionSettings settings,
                                 PersistenceProfile.PostgresSettings pg, List<Timeframe> timeframes) {
        this.context = context;
        this.settings = settings;
        this.blocking = context.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig(settings.dispatcher()));
        this.writer = new MarketDataTable(pg, settings.name(), timeframes, settings.synchronousCommit());
        this.reader = new MarketDataTable(pg, settings.name(), timeframes);
        this.gauges = ProjectionGauges.get(context.getSystem());
        this.killSwitch = start();
    }

    private UniqueKillSwitch start() {
        JdbcReadJournal journal = PersistenceQuery.get(Adapter.toClassic(context.getSystem()))
                .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
        RestartSettings restart = RestartSettings.create(settings.restartMin(), settings.restartMax(),
                        settings.restartRandomFactor())
                .withLogSettings(RestartSettings.createLogSettings(Logging.DebugLevel()));
        ActorRef<Command> self = context.getSelf();
        Source<MarketDataTable.Written, ?> projected = RestartSource.withBackoff(restart, () ->
                Source.completionStage(onDatabase(self, writer::loadOffset))
                        .flatMapConcat(from -> journal.eventsByTag(settings.tag(), Offset.sequence(from)))
                        .groupedWithin(settings.batchSize(), settings.batchInterval())
                        .mapAsync(1, batch -> onDatabase(self, () -> writer.write(batch))));
        return projected.viaMat(KillSwitches.single(), Keep.right())
                .toMat(Sink.foreach(written -> self.tell(new Progress(written))), Keep.left())
                .run(context.getSystem());
    }

    private interface DatabaseCall<T> {
        T call() throws SQLException;
    }

    private <T> CompletableFuture<T> onDatabase(ActorRef<Command> self, DatabaseCall<T> call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call.call();
            } catch (SQLException e) {
                self.tell(new Failed(e.getMessage()));
                throw new CompletionException(e);
            }
        }, blocking);
    }

    private Behavior<Command> running() {
        return Behaviors.receive(Command.class)
                .onMessage(Progress.class, this::onProgress)
                .onMessage(Failed.class, this::onFailed)
                .onMessage(GetStatus.class, get -> {
                    waiting.add(get.replyTo());
                    return measure();
                })
                .onMessageEquals(MeasureLag.INSTANCE, this::measure)
                .onMessage(Measured.class, measured -> {
                    measuring = false;
                    if (measured.lagMillis() != null) {
                        gauges.lag(measured.lagMillis());
                    }
                    ProjectionStatus status = status(measured.lagMillis() == null ? -1 : measured.lagMillis());
                    waiting.forEach(replyTo -> replyTo.tell(status));
                    waiting.clear();
                    return Behaviors.same();
                })
                .onSignal(PostStop.class, stop -> {
                    killSwitch.shutdown();
                    CompletableFuture.runAsync(() -> {
                        writer.close();
                        reader.close();
                    }, blocking);
                    return Behaviors.same();
                })
                .build();
    }

    private Behavior<Command> onProgress(Progress progress) {
        MarketDataTable.Written written = progress.written();
        if (failing) {
            context.getLog().info("market_data projection '{}' writes again from offset {} after {} failed attempts",
                    settings.name(), offset, failures);
            failing = false;
        }
        offset = written.offset();
        events += written.events();
        rows += written.rows();
        batches++;
        lastBatchAt = System.currentTimeMillis();
        return Behaviors.same();
    }

    private Behavior<Command> onFailed(Failed failed) {
        failures++;
        gauges.failed();
        lastError = failed.reason() == null ? "unknown error" : failed.reason();
        if (!failing) {
            context.getLog().warn("market_data projection '{}' cannot reach PostgreSQL ({}); rows wait in the journal "
                    + "and it retries with backoff up to {} from offset {}", settings.name(), lastError,
                    settings.restartMax(), offset);
            failing = true;
        }
        return Behaviors.same();
    }

    /**
     * One lag query at a time: requests that come while one runs are answered with its result, so
     * frequent status requests never queue queries on the projection's threads ahead of its batches.
     */
    private Behavior<Command> measure() {
        if (measuring) {
            return Behaviors.same();
        }
        measuring = true;
        long from = offset;
        String tag = settings.tag();
        context.pipeToSelf(CompletableFuture.supplyAsync(() -> {
            try {
                OptionalLong lag = reader.lagMillis(tag, from, System.currentTimeMillis());
                return lag.orElse(0L);
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, blocking), (lag, error) -> new Measured(error == null ? lag : null));
        return Behaviors.same();
    }

    private ProjectionStatus status(long lagMillis) {
        return new ProjectionStatus(settings.name(), failing, offset, events, rows, batches, failures, lastError,
                lastBatchAt, lagMillis);
    }
}
