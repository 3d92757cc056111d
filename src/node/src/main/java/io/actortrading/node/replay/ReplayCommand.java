package io.actortrading.node.replay;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.actortrading.feeds.replay.ReplayFileException;
import io.actortrading.feeds.replay.ReplayFormat;
import io.actortrading.feeds.replay.ReplayProblem;
import io.actortrading.feeds.replay.ReplayReader;
import io.actortrading.feeds.replay.ReplaySummary;
import io.actortrading.market.MarketEvent;
import io.actortrading.node.Main;
import io.actortrading.node.NodeGuardian;
import io.actortrading.node.NodeLauncher;
import io.actortrading.node.NodeServices;
import io.actortrading.node.clock.MarketClock;
import io.actortrading.node.feed.FeedRouter;
import io.actortrading.node.symbol.SymbolActor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.stream.javadsl.Keep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code actortrading replay}: the node's own actors (router, shard region, symbol actors, journal)
 * run offline over recorded files, on a journal of their own that is thrown away afterwards, and
 * every closed bar is written as one JSON line, sorted, so the same input gives the same bytes.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay recorded market data through the node's actors and write every closed bar as a JSON line.")
public final class ReplayCommand implements Callable<Integer> {

    /** Lines were skipped as malformed; the output holds what the rest of the input gave. */
    public static final int EXIT_SKIPPED_INPUT = Main.EXIT_BAD_INPUT;
    private static final int SHOWN_PROBLEMS = 20;
    /** Generous: a replay of a long file may take a while to build its last bars. */
    private static final Duration COMPLETION_TIMEOUT = Duration.ofMinutes(30);

    @Option(names = "--format", required = true,
            description = "csv-bars, csv-ticks or polygon-ws (one WebSocket frame per line)")
    String format;

    @Option(names = "--out", required = true, description = "Output file, one JSON line per closed bar")
    Path out;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Recorded files, replayed in the order given")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        ReplayFormat replayFormat = ReplayFormat.fromCliName(format).orElse(null);
        if (replayFormat == null) {
            System.err.println("actortrading replay: unknown format '" + format + "' (known: "
                    + Stream.of(ReplayFormat.values()).map(ReplayFormat::cliName).toList() + ")");
            return Main.EXIT_BAD_INPUT;
        }
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                System.err.println("actortrading replay: cannot read " + file);
                return Main.EXIT_BAD_INPUT;
            }
        }
        Path workDir = Files.createTempDirectory("actortrading-replay");
        try {
            return replay(replayFormat, workDir);
        } finally {
            deleteRecursively(workDir);
        }
    }

    private int replay(ReplayFormat replayFormat, Path workDir) throws Exception {
        Config config = NodeLauncher.configure(ConfigFactory.parseResources("replay.conf")
                .withValue("pekko-persistence-jdbc.shared-databases.default.db.url", ConfigValueFactory.fromAnyRef(
                        "jdbc:h2:file:" + workDir.resolve("journal").toAbsolutePath() + ";DATABASE_TO_UPPER=false"))
                .withValue("pekko.cluster.distributed-data.durable.lmdb.dir",
                        ConfigValueFactory.fromAnyRef(workDir.resolve("ddata").toAbsolutePath().toString())));
        BarCollector collector = new BarCollector();
        ActorSystem<NodeGuardian.Command> system = NodeLauncher.start(config,
                new NodeGuardian.Options(new MarketClock.EventTime(), true, true, false, collector.behavior()));
        try {
            NodeServices.Refs refs = awaitRefs(system);
            Set<String> symbols = ConcurrentHashMap.newKeySet();
            ReplaySummary summary;
            try {
                summary = ReplayReader.source(files, replayFormat, "replay")
                        .map((MarketEvent e) -> {
                            symbols.add(e.symbol());
                            return e;
                        })
                        .toMat(FeedRouter.sink(refs.router(), "replay",
                                config.getInt("actortrading.router.max-batch")), Keep.left())
                        .run(system)
                        .toCompletableFuture().get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof ReplayFileException unreadable) {
                    System.err.println("actortrading replay: " + unreadable.getMessage());
                    return Main.EXIT_BAD_INPUT;
                }
                throw e;
            }
            AskPattern.<FeedRouter.Command, FeedRouter.Idle>ask(refs.router(), FeedRouter.AwaitIdle::new,
                    COMPLETION_TIMEOUT, system.scheduler()).toCompletableFuture().get();
            var flushed = collector.expect(Set.copyOf(symbols));
            for (String symbol : symbols) {
                refs.symbols().tell(new ShardingEnvelope<>(symbol, SymbolActor.Flush.INSTANCE));
            }
            flushed.get(COMPLETION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            int written = write(collector.updates());
            return report(summary, written);
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        }
    }

    private static NodeServices.Refs awaitRefs(ActorSystem<NodeGuardian.Command> system) throws Exception {
        return NodeServices.get(system).started().toCompletableFuture()
                .get(COMPLETION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private int write(List<SymbolActor.BarUpdate> updates) throws IOException {
        List<SymbolActor.BarUpdate> sorted = updates.stream()
                .sorted(Comparator.<SymbolActor.BarUpdate>comparingLong(u -> u.bar().end())
                        .thenComparing(u -> u.bar().symbol())
                        .thenComparing(u -> u.bar().timeframe()))
                .toList();
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            for (SymbolActor.BarUpdate update : sorted) {
                line.setLength(0);
                BarLine.append(update, line);
                line.append('\n');
                writer.write(line.toString());
            }
        }
        return sorted.size();
    }

    private int report(ReplaySummary summary, int written) {
        System.err.printf("replay: %d file(s), %d lines, %d events, %d bars written to %s%n",
                summary.files(), summary.lines(), summary.events(), written, out);
        if (summary.clean()) {
            return 0;
        }
        List<ReplayProblem> problems = summary.problems();
        for (ReplayProblem problem : problems.subList(0, Math.min(SHOWN_PROBLEMS, problems.size()))) {
            System.err.println("replay: skipped " + problem);
        }
        System.err.printf("replay: %d malformed line(s) skipped (%d problems); the output holds the rest (exit code %d)%n",
                summary.skippedLines(), summary.problemCount(), EXIT_SKIPPED_INPUT);
        return EXIT_SKIPPED_INPUT;
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("replay: could not remove the scratch journal " + dir + ": " + e.getMessage());
        }
    }
}
