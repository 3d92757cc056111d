package io.actortrading.node.sysmetrics;

import io.actortrading.node.metrics.JournalCheck;
import io.actortrading.node.metrics.NodeMetrics;
import io.actortrading.node.persistence.PersistenceProfile;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Copies this node's meters into {@code sys_metrics} every {@code interval}: one snapshot of the
 * registry, one INSERT, on a dispatcher of its own. Each node writes its own figures (tagged with its
 * service name); the writer runs only with the postgres profile.
 *
 * <p>One snapshot is written at a time. A snapshot due while the previous one is still being written
 * (a database that does not answer) and a snapshot whose INSERT fails (a database that is down) are
 * dropped and counted: the figures of an outage are gone, but nothing queues up and nothing blocks.
 * The outage is logged once when it starts and once when it ends.
 */
public final class SysMetricsWriter {

    public sealed interface Command permits Snapshot, Written, Failed {
    }

    /** The timer: time for a snapshot. */
    private enum Snapshot implements Command { INSTANCE }

    private record Written(int rows) implements Command {
    }

    private record Failed(int rows, String reason) implements Command {
    }

    private static final String DC_ROLE_PREFIX = "dc-";

    public static Behavior<Command> create(SysMetricsSettings settings, PersistenceProfile.PostgresSettings pg) {
        return Behaviors.supervise(Behaviors.<Command>setup(context -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Snapshot.INSTANCE, settings.interval());
            return new SysMetricsWriter(context, settings, pg).idle();
        }))).onFailure(SupervisorStrategy.restart());
    }

    private final ActorContext<Command> context;
    private final SysMetricsSettings settings;
    private final String service;
    private final Executor blocking;
    private final SysMetricsTable table;
    private final SysMetricsSink sink;
    private final NodeMetrics metrics;
    /** Redacts driver messages, which may quote the URL or echo the password. */
    private final JournalCheck.Database database;

    private boolean failing;
    private long droppedInOutage;
    private boolean snapshotFailing;

    private SysMetricsWriter(ActorContext<Command> context, SysMetricsSettings settings,
                             PersistenceProfile.PostgresSettings pg) {
        this.context = context;
        this.settings = settings;
        this.service = settings.service().isEmpty() ? defaultService(context) : settings.service();
        this.blocking = context.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig(settings.dispatcher()));
        this.table = new SysMetricsTable(pg, settings.writeTimeout());
        this.sink = SysMetricsSink.get(context.getSystem());
        this.metrics = NodeMetrics.get(context.getSystem());
        this.database = new JournalCheck.Database(pg.url(), pg.user(), pg.password());
        context.getLog().info("sys_metrics: this node's meters go to {} every {} as service '{}'", pg.describe(),
                settings.interval(), service);
    }

    /** The node's roles (without the data-center role) and its cluster address, e.g. {@code feed,symbols@10.0.0.5:25520}. */
    private static String defaultService(ActorContext<?> context) {
        Address address = context.getSystem().address();
        String hostPort = address.getHost().orElse("local") + ":" + address.getPort().map(String::valueOf).orElse("0");
        List<String> roles = Cluster.get(context.getSystem()).selfMember().getRoles().stream()
                .filter(role -> !role.startsWith(DC_ROLE_PREFIX)).sorted().toList();
        return roles.isEmpty() ? hostPort : String.join(",", roles) + "@" + hostPort;
    }

    private Behavior<Command> idle() {
        return Behaviors.receive(Command.class)
                .onMessageEquals(Snapshot.INSTANCE, this::write)
                .onSignal(PreRestart.class, signal -> close())
                .onSignal(PostStop.class, signal -> close())
                .build();
    }

    private Behavior<Command> writing() {
        return Behaviors.receive(Command.class)
                .onMessageEquals(Snapshot.INSTANCE, () -> {
                    List<MeterSnapshot.Row> rows = snapshot();
                    sink.dropped(rows.size(), !failing);
                    return Behaviors.same();
                })
                .onMessage(Written.class, this::onWritten)
                .onMessage(Failed.class, this::onFailed)
                .onSignal(PreRestart.class, signal -> close())
                .onSignal(PostStop.class, signal -> close())
                .build();
    }

    private Behavior<Command> write() {
        List<MeterSnapshot.Row> rows = snapshot();
        if (rows.isEmpty()) {
            return Behaviors.same();
        }
        Instant ts = Instant.now();
        context.pipeToSelf(CompletableFuture.supplyAsync(() -> {
            try {
                return table.insert(ts, service, rows);
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, blocking), (inserted, error) -> error == null ? new Written(inserted) : new Failed(rows.size(), database.shown(reason(error))));
        return writing();
    }

    /** Reading a meter calls code of other components; one that throws costs this snapshot, never the writer. */
    private List<MeterSnapshot.Row> snapshot() {
        try {
            List<MeterSnapshot.Row> rows = MeterSnapshot.take(metrics.registry());
            snapshotFailing = false;
            return rows;
        } catch (RuntimeException e) {
            if (!snapshotFailing) {
                context.getLog().warn("sys_metrics: reading the node's meters failed; this snapshot is skipped", e);
                snapshotFailing = true;
            }
            return List.of();
        }
    }

    private Behavior<Command> onWritten(Written written) {
        sink.written(written.rows());
        if (failing) {
            context.getLog().info("sys_metrics: PostgreSQL takes snapshots again; {} rows were dropped during the outage",
                    droppedInOutage);
            failing = false;
            droppedInOutage = 0;
        }
        return idle();
    }

    private Behavior<Command> onFailed(Failed failed) {
        sink.dropped(failed.rows(), false);
        droppedInOutage += failed.rows();
        if (!failing) {
            context.getLog().warn("sys_metrics: cannot write to PostgreSQL ({}); snapshots are dropped and counted "
                    + "(at_sink_dropped_total of sink {}) until it answers again", failed.reason(), SysMetricsSink.NAME);
            failing = true;
        }
        return idle();
    }

    private static String reason(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private Behavior<Command> close() {
        CompletableFuture.runAsync(table::close, blocking);
        return Behaviors.same();
    }
}
