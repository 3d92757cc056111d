package io.actortrading.integration;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A node in its own JVM, started as {@code bin/actortrading node -c FILE} starts one, so a test can
 * kill it the way an operating system does (SIGKILL: no shutdown hook, no flush, no goodbye) and
 * start it again on the same data. Its output goes to a log file a failing test prints.
 */
public final class NodeProcess implements AutoCloseable {

    private static final String MAIN = "io.actortrading.node.Main";
    private static final String HEAP = "-Xmx512m";
    private static final long STOP_SECONDS = 30;
    /** Lines of the node's log a failure report shows. */
    private static final int LOG_TAIL_LINES = 60;

    private final Path configFile;
    private final Path logFile;
    private final int inspectionPort;
    private Process process;
    private int starts;

    /**
     * Writes {@code settings} (everything but the inspection port, which this picks) to a configuration
     * file under {@code dir}; call {@link #start()} to run it.
     */
    public NodeProcess(Config settings, Path dir) {
        this.inspectionPort = freePort();
        this.configFile = dir.resolve("node.conf");
        this.logFile = dir.resolve("node.log");
        String rendered = settings.withValue("pekko.management.http.port", ConfigValueFactory.fromAnyRef(inspectionPort))
                .root().render(ConfigRenderOptions.concise().setFormatted(true));
        try {
            Files.createDirectories(dir);
            Files.writeString(configFile, rendered, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The inspection endpoint, for {@code atctl --host}; the same across restarts. */
    public String host() {
        return "127.0.0.1:" + inspectionPort;
    }

    /** Starts the JVM (again, after a kill), appending to the same log. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the node is already running (pid " + process.pid() + ")");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(HEAP);
        // The module openings the test JVM was given (LMDB needs them) apply to the node as well.
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("--add-opens") || argument.startsWith("--add-exports")) {
                command.add(argument);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN);
        command.add("node");
        command.add("-c");
        command.add(configFile.toString());
        try {
            Files.writeString(logFile, "---- start " + (++starts) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL, and waits until the process is gone; returns its exit code (137 for a kill). */
    public synchronized int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("node " + process.pid() + " survived SIGKILL for " + STOP_SECONDS + " s");
        }
        return process.exitValue();
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** The end of the node's log, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the node gracefully (SIGTERM runs coordinated shutdown), then forcibly if it lingers. */
    @Override
    public synchronized void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
