package io.actortrading.feeds.live;

import io.actortrading.market.MarketEvent;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.model.ws.WebSocketRequest;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgradeResponse;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One client WebSocket of a {@link StreamFeed}. Incoming text frames are decoded on the connection's
 * own stream and its market events flow on, in the same stream, into the node's output, so a router
 * that falls behind slows the socket down instead of filling a buffer. Every other signal goes to the
 * feed; malformed input is counted here and logged once per connection.
 */
final class WebSocketLink {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketLink.class);

    /** Outgoing frames waiting for the socket: subscriptions and heartbeats, a handful at a time. */
    private static final int OUTGOING_FRAMES = 64;

    private final BoundedSourceQueue<Message> outgoing;
    private final CompletionStage<WebSocketUpgradeResponse> upgrade;
    private final CompletionStage<Done> closed;
    private final StreamTally tally;
    private final StreamDialect dialect;

    private WebSocketLink(BoundedSourceQueue<Message> outgoing, CompletionStage<WebSocketUpgradeResponse> upgrade,
                          CompletionStage<Done> closed, StreamTally tally, StreamDialect dialect) {
        this.outgoing = outgoing;
        this.upgrade = upgrade;
        this.closed = closed;
        this.tally = tally;
        this.dialect = dialect;
    }

    /**
     * Starts connecting to {@code dialect.url()}; nothing blocks.
     *
     * @param signals      told every signal of the dialect's decoder except {@link StreamDialect.Signal.Malformed}
     * @param frameTimeout how long a frame that arrives in pieces may take to arrive whole
     */
    static WebSocketLink open(ActorSystem<?> system, StreamDialect dialect, Sink<MarketEvent, NotUsed> output,
                              Consumer<StreamDialect.Signal> signals, StreamTally tally, Duration frameTimeout) {
        Materializer materializer = Materializer.matFromSystem(system);
        Inbound inbound = new Inbound(dialect, signals, tally);
        Sink<Message, CompletionStage<Done>> incoming = Flow.<Message>create()
                .filter(message -> message.isText() || inbound.discard(message, materializer))
                .mapAsync(1, message -> strictText(message.asTextMessage(), frameTimeout, materializer))
                .mapConcat(inbound::decode)
                .watchTermination((notUsed, done) -> done)
                .to(output);
        Flow<Message, Message, Pair<CompletionStage<Done>, BoundedSourceQueue<Message>>> flow =
                Flow.fromSinkAndSourceCoupledMat(incoming, Source.<Message>queue(OUTGOING_FRAMES), Keep.both());
        Pair<CompletionStage<WebSocketUpgradeResponse>, Pair<CompletionStage<Done>, BoundedSourceQueue<Message>>> link =
                Http.get(system).singleWebSocketRequest(WebSocketRequest.create(dialect.url()), flow, materializer);
        return new WebSocketLink(link.second().second(), link.first(), link.second().first(), tally, dialect);
    }

    /** Completes when the server answered the upgrade request, or fails when it could not be reached. */
    CompletionStage<WebSocketUpgradeResponse> upgrade() {
        return upgrade;
    }

    /** Completes when the incoming side of the connection has ended, however it ended. */
    CompletionStage<Done> closed() {
        return closed;
    }

    /** Queues a text frame; a frame that does not fit the send buffer is counted and dropped. */
    void send(String frame) {
        QueueOfferResult result = outgoing.offer(TextMessage.create(frame));
        if (result != QueueOfferResult.enqueued()) {
            tally.error(StreamError.SEND_DROPPED, "frame not sent (" + result + ") on " + dialect.connection());
        }
    }

    /** Closes the socket (a close frame after the queued frames); the end is still reported by {@link #closed()}. */
    void close() {
        if (!outgoing.isCompleted()) {
            try {
                outgoing.complete();
            } catch (IllegalStateException endedMeanwhile) {
                // the connection ended between the check and the call: closed either way
            }
        }
    }

    private static CompletionStage<String> strictText(TextMessage message, Duration timeout,
                                                      Materializer materializer) {
        return message.isStrict()
                ? CompletableFuture.completedFuture(message.getStrictText())
                : message.toStrict(timeout.toMillis(), materializer).thenApply(strict -> strict.text());
    }

    /** The decoding end of one connection; used by one stream stage at a time. */
    private static final class Inbound {

        private final StreamDialect dialect;
        private final StreamTally tally;
        private final StreamDialect.FrameDecoder decoder;
        private List<MarketEvent> batch = new ArrayList<>();
        private boolean malformedLogged;

        Inbound(StreamDialect dialect, Consumer<StreamDialect.Signal> signals, StreamTally tally) {
            this.dialect = dialect;
            this.tally = tally;
            this.decoder = dialect.decoder(event -> batch.add(event), signal -> {
                if (signal instanceof StreamDialect.Signal.Malformed malformed) {
                    malformed(malformed.reason());
                } else {
                    signals.accept(signal);
                }
            });
        }

        List<MarketEvent> decode(String frame) {
            long now = System.currentTimeMillis();
            tally.frame(now);
            batch = new ArrayList<>();
            decoder.decode(frame);
            if (!batch.isEmpty()) {
                tally.messages(batch.size(), now);
            }
            return batch;
        }

        /** Providers send text only; a binary frame is drained, so it cannot stall the socket, and counted. */
        boolean discard(Message message, Materializer materializer) {
            message.asBinaryMessage().getStreamedData().runWith(Sink.ignore(), materializer);
            malformed("binary frame");
            return false;
        }

        private void malformed(String reason) {
            String detail = dialect.redact(reason);
            tally.error(StreamError.MALFORMED_FRAME, detail);
            if (!malformedLogged) {
                malformedLogged = true;
                LOG.warn("{}: malformed input from the provider, counted and skipped ({}); further ones on this "
                        + "connection are only counted", dialect.connection(), detail);
            }
        }
    }
}
