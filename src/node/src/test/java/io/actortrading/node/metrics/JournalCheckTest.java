package io.actortrading.node.metrics;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The journal readiness check against a real H2 database, a closed port and a server that never answers. */
class JournalCheckTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final String PASSWORD = "s3cret-journal-pw";

    private final ExecutorService blocking = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        blocking.shutdownNow();
    }

    @Test
    void passesWhenTheDatabaseAnswers(@TempDir Path dir) throws Exception {
        JournalCheck check = new JournalCheck(new JournalCheck.Database(
                "jdbc:h2:file:" + dir.resolve("journal").toAbsolutePath() + ";DATABASE_TO_UPPER=false", "sa", ""),
                TIMEOUT, blocking);

        assertThat(check.get().toCompletableFuture().get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void failsNamingTheJournalAndTheUrlWithoutTheCredentialsWhenNothingListens() throws Exception {
        int closedPort = closedPort();
        JournalCheck check = new JournalCheck(new JournalCheck.Database(
                "jdbc:postgresql://127.0.0.1:" + closedPort + "/actortrading?password=" + PASSWORD, "trader", PASSWORD),
                TIMEOUT, blocking);

        NotReady failure = failure(check.get());

        assertThat(failure.check()).isEqualTo("journal");
        assertThat(failure.getMessage())
                .startsWith("journal: cannot reach the journal database at jdbc:postgresql://127.0.0.1:" + closedPort
                        + "/actortrading?password=***: ")
                .doesNotContain(PASSWORD);
    }

    @Test
    void failsAfterItsTimeoutWhenTheServerNeverAnswersAndStartsNoSecondProbeMeanwhile() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return silent.accept();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            JournalCheck check = new JournalCheck(new JournalCheck.Database(
                    "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/actortrading", "trader", PASSWORD),
                    Duration.ofMillis(500), blocking);

            NotReady timedOut = failure(check.get());
            NotReady stillBlocked = failure(check.get());
            // Closing the connection the probe waits on ends the probe, and frees its thread.
            accepted.get(10, TimeUnit.SECONDS).close();

            assertThat(timedOut.getMessage()).isEqualTo("journal: the journal database at jdbc:postgresql://127.0.0.1:"
                    + silent.getLocalPort() + "/actortrading did not answer within 500 ms");
            assertThat(stillBlocked.getMessage()).contains("an earlier probe of the journal database")
                    .contains("has not returned yet");
        }
    }

    private static NotReady failure(CompletionStage<Boolean> result) {
        Throwable[] cause = {null};
        assertThatThrownBy(() -> result.toCompletableFuture().get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .satisfies(thrown -> cause[0] = thrown.getCause());
        assertThat(cause[0]).isInstanceOf(NotReady.class);
        return (NotReady) cause[0];
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
