package io.actortrading.feeds.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actortrading.market.MarketEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplaySourceTest {

    private static ActorSystem system;

    @BeforeAll
    static void start() {
        system = ActorSystem.create("replay-source-test");
    }

    @AfterAll
    static void stop() throws Exception {
        system.terminate();
        await(system.getWhenTerminated());
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void streamsFilesOneAfterAnotherAndSummarisesThem(@TempDir Path dir) throws Exception {
        Path second = dir.resolve("more-ticks.csv");
        Files.writeString(second, "ts,symbol,price,size\n1772461802000,MSFT,408.2,10\nbroken\n");
        Path first = ReplayReaderTest.fixture("ticks.csv");

        Pair<CompletionStage<ReplaySummary>, CompletionStage<List<MarketEvent>>> run =
                ReplayReader.source(List.of(first, second), ReplayFormat.CSV_TICKS, "replay")
                        .toMat(Sink.seq(), Keep.both())
                        .run(system);

        List<MarketEvent> events = await(run.second());
        ReplaySummary summary = await(run.first());
        assertThat(events).extracting(MarketEvent::symbol).containsExactly("NVDA", "NVDA", "MSFT", "BTC-USD", "MSFT");
        assertThat(summary.files()).isEqualTo(2);
        assertThat(summary.lines()).isEqualTo(8);
        assertThat(summary.events()).isEqualTo(5);
        assertThat(summary.problems()).containsExactly(new ReplayProblem(second, 3, "expected 4 columns, found 1"));
        assertThat(summary.clean()).isFalse();
    }

    @Test
    void failsTheStreamAndTheSummaryNamingAnUnreadableFile(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.csv");

        Pair<CompletionStage<ReplaySummary>, CompletionStage<List<MarketEvent>>> run =
                ReplayReader.source(List.of(ReplayReaderTest.fixture("ticks.csv"), missing), ReplayFormat.CSV_TICKS, "replay")
                        .toMat(Sink.seq(), Keep.both())
                        .run(system);

        assertThatThrownBy(() -> await(run.second())).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ReplayFileException.class).hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> await(run.first())).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ReplayFileException.class);
    }

    @Test
    void summarisesWhatWasReadWhenDownstreamStopsEarly() throws Exception {
        Pair<CompletionStage<ReplaySummary>, CompletionStage<List<MarketEvent>>> run =
                ReplayReader.source(List.of(ReplayReaderTest.fixture("bars.csv")), ReplayFormat.CSV_BARS, "replay")
                        .take(2)
                        .toMat(Sink.seq(), Keep.both())
                        .run(system);

        assertThat(await(run.second())).hasSize(2);
        ReplaySummary summary = await(run.first());
        assertThat(summary.events()).as("read, possibly ahead of what downstream took").isBetween(2L, 4L);
    }
}
