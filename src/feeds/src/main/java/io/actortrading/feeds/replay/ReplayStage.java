package io.actortrading.feeds.replay;

import io.actortrading.market.MarketEvent;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.ActorAttributes;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.SourceShape;
import org.apache.pekko.stream.stage.AbstractGraphStageWithMaterializedValue;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.GraphStageLogic;

/** The source behind {@link ReplayReader#source}: reads files in order, a line per pull as needed. */
final class ReplayStage extends AbstractGraphStageWithMaterializedValue<SourceShape<MarketEvent>, CompletionStage<ReplaySummary>> {

    private final Outlet<MarketEvent> out = Outlet.create("ReplaySource.out");
    private final SourceShape<MarketEvent> shape = SourceShape.of(out);
    private final List<Path> files;
    private final ReplayFormat format;
    private final String source;

    ReplayStage(List<Path> files, ReplayFormat format, String source) {
        this.files = files;
        this.format = format;
        this.source = source;
    }

    @Override
    public SourceShape<MarketEvent> shape() {
        return shape;
    }

    @Override
    public Attributes initialAttributes() {
        return Attributes.name("replaySource").and(ActorAttributes.IODispatcher());
    }

    @Override
    public Pair<GraphStageLogic, CompletionStage<ReplaySummary>> createLogicAndMaterializedValuePair(Attributes attributes) {
        CompletableFuture<ReplaySummary> summary = new CompletableFuture<>();
        GraphStageLogic logic = new GraphStageLogic(shape) {
            private final ArrayDeque<MarketEvent> pending = new ArrayDeque<>();
            private final Consumer<MarketEvent> enqueue = pending::add;
            private int nextFile;
            private ReplayReader reader;
            private ReplaySummary finished = ReplaySummary.empty();

            {
                setHandler(out, new AbstractOutHandler() {
                    @Override
                    public void onPull() {
                        pushNext();
                    }

                    @Override
                    public void onDownstreamFinish(Throwable cause) {
                        summary.complete(soFar());
                        completeStage();
                    }
                });
            }

            private void pushNext() {
                try {
                    while (pending.isEmpty()) {
                        if (reader == null) {
                            if (nextFile == files.size()) {
                                summary.complete(finished);
                                completeStage();
                                return;
                            }
                            reader = ReplayReader.open(files.get(nextFile++), format, source);
                        }
                        if (!reader.next(enqueue)) {
                            finished = finished.plus(reader.summary());
                            closeReader();
                        }
                    }
                } catch (ReplayFileException e) {
                    summary.completeExceptionally(e);
                    failStage(e);
                    return;
                }
                push(out, pending.poll());
            }

            private ReplaySummary soFar() {
                return reader == null ? finished : finished.plus(reader.summary());
            }

            private void closeReader() {
                ReplayReader open = reader;
                reader = null;
                open.close();
            }

            @Override
            public void postStop() {
                if (reader != null) {
                    summary.complete(soFar());
                    closeReader();
                }
                summary.completeExceptionally(new IllegalStateException("replay stream stopped before reading its files"));
            }
        };
        return Pair.create(logic, summary);
    }
}
