package io.actortrading.fakes;

import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * The message flow of one WebSocket connection: the client's text frames and the emit ticks are
 * merged into one stream that drives the {@link StreamSession}, so the session sees one event at a
 * time. Applies the faults every provider shares (stall, drop) and registers the connection with its
 * endpoint's {@link FakeFaults}.
 */
final class StreamConnection {

    /** Client frames are small commands; one that takes longer than this to arrive whole is dropped. */
    private static final long STRICT_TEXT_TIMEOUT_MILLIS = 5_000;

    private StreamConnection() {
    }

    static Flow<Message, Message, NotUsed> flow(StreamSession session, FakeFaults faults, Duration emitInterval,
                                                LongSupplier marketNow, Materializer materializer) {
        return Flow.<Message>create()
                .mapAsync(1, message -> clientText(message, materializer))
                .mapConcat(text -> text.map(t -> List.of(Input.text(t))).orElse(List.of()))
                .merge(Source.tick(emitInterval, emitInterval, Input.TICK), true)
                .prepend(Source.single(Input.OPEN))
                .map(input -> answer(input, session, faults, marketNow.getAsLong()))
                .takeWhile(frames -> !frames.close(), true)
                .mapConcat(Frames::texts)
                .map(text -> (Message) TextMessage.create(text))
                .viaMat(KillSwitches.single(), Keep.right())
                .watchTermination((killSwitch, done) -> register(killSwitch, done, faults));
    }

    private static Frames answer(Input input, StreamSession session, FakeFaults faults, long now) {
        boolean stalled = faults.active(FakeFault.STALL);
        Frames frames = switch (input.kind()) {
            case OPEN -> session.opened(now);
            // a stalled server reads nothing
            case TEXT -> stalled ? Frames.NONE : session.onText(input.text(), now);
            // ticks keep the session's clock moving, so what happens during a stall is lost
            case TICK -> session.onTick(now);
        };
        return stalled ? Frames.NONE : frames;
    }

    private static NotUsed register(UniqueKillSwitch killSwitch, CompletionStage<?> done, FakeFaults faults) {
        Runnable deregister = faults.onDrop(() -> killSwitch.abort(new DroppedConnection()));
        done.whenComplete((result, failure) -> deregister.run());
        return NotUsed.getInstance();
    }

    /** The text of a client frame; binary frames are drained and ignored. */
    private static CompletionStage<Optional<String>> clientText(Message message, Materializer materializer) {
        if (!message.isText()) {
            message.asBinaryMessage().getStreamedData().runWith(Sink.ignore(), materializer);
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return message.asTextMessage().toStrict(STRICT_TEXT_TIMEOUT_MILLIS, materializer)
                .thenApply(strict -> Optional.of(strict.getStrictText()));
    }

    private record Input(Kind kind, String text) {

        enum Kind { OPEN, TEXT, TICK }

        static final Input OPEN = new Input(Kind.OPEN, "");
        static final Input TICK = new Input(Kind.TICK, "");

        static Input text(String text) {
            return new Input(Kind.TEXT, text);
        }
    }

    /** Ends a connection on the drop-connections fault. */
    private static final class DroppedConnection extends RuntimeException {

        DroppedConnection() {
            super("connection dropped by the drop-connections fault", null, false, false);
        }
    }
}
