package io.actortrading.feeds.live;

import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.extractUri;
import static org.apache.pekko.http.javadsl.server.Directives.handleWebSocketMessages;

/**
 * A provider's WebSocket side on loopback, scripted by a test: it counts every connection attempt,
 * can refuse upgrades, records every frame a client sends and lets the script or the test answer,
 * push frames and close connections.
 */
public final class ProviderSocketServer implements AutoCloseable {

    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration FRAME_TIMEOUT = Duration.ofSeconds(3);
    private static final int OUTGOING_FRAMES = 1_024;

    /** The provider's side of the conversation. */
    public interface Script {

        /** A client connected; e.g. greet it. */
        void opened(Connection connection);

        /** A client sent a text frame; e.g. answer it. */
        void received(Connection connection, String frame);
    }

    /** One accepted client connection. */
    public static final class Connection {

        private final int number;
        private final String uri;
        private final List<String> frames = new CopyOnWriteArrayList<>();
        private final List<Long> frameTimes = new CopyOnWriteArrayList<>();
        private volatile BoundedSourceQueue<Message> outgoing;

        Connection(int number, String uri) {
            this.number = number;
            this.uri = uri;
        }

        /** 1 for the first connection the server accepted. */
        public int number() {
            return number;
        }

        /** The request URI of the upgrade, query included. */
        public String uri() {
            return uri;
        }

        /** The text frames the client sent on this connection, in order. */
        public List<String> frames() {
            return List.copyOf(frames);
        }

        /** When each frame of {@link #frames()} arrived ({@link System#nanoTime()}). */
        public List<Long> frameTimes() {
            return List.copyOf(frameTimes);
        }

        public void send(String frame) {
            outgoing.offer(TextMessage.create(frame));
        }

        /** Closes the WebSocket from the provider's side after the frames already sent. */
        public void close() {
            if (!outgoing.isCompleted()) {
                outgoing.complete();
            }
        }
    }

    private final ActorSystem<?> system;
    private final Script script;
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final List<Long> attemptTimes = new CopyOnWriteArrayList<>();
    private volatile boolean refusing;
    private ServerBinding binding;

    private ProviderSocketServer(ActorSystem<?> system, Script script) {
        this.system = system;
        this.script = script;
    }

    public static ProviderSocketServer start(ActorSystem<?> system, Script script) throws Exception {
        ProviderSocketServer server = new ProviderSocketServer(system, script);
        Route route = extractUri(uri -> {
            server.attempts.incrementAndGet();
            server.attemptTimes.add(System.nanoTime());
            return server.refusing
                    ? complete(StatusCodes.SERVICE_UNAVAILABLE)
                    : handleWebSocketMessages(server.connection(uri.toString()));
        });
        server.binding = Http.get(system).newServerAt("127.0.0.1", 0).bind(route)
                .toCompletableFuture().get(BIND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return server;
    }

    /** {@code ws://127.0.0.1:port}, the base URL to configure. */
    public String url() {
        return "ws://127.0.0.1:" + binding.localAddress().getPort();
    }

    /** Upgrade requests received, refused ones included. */
    public int attempts() {
        return attempts.get();
    }

    /** When each upgrade request arrived ({@link System#nanoTime()}), in order. */
    public List<Long> attemptTimes() {
        return List.copyOf(attemptTimes);
    }

    /** While true, every upgrade request is answered 503 Service Unavailable. */
    public void refuse(boolean refuse) {
        refusing = refuse;
    }

    public List<Connection> connections() {
        return List.copyOf(connections);
    }

    /** The connection accepted last. */
    public Connection latest() {
        return connections.get(connections.size() - 1);
    }

    /** Every frame clients sent, over all connections, in order per connection. */
    public List<String> frames() {
        List<String> all = new ArrayList<>();
        connections.forEach(connection -> all.addAll(connection.frames()));
        return all;
    }

    private Flow<Message, Message, NotUsed> connection(String uri) {
        Materializer materializer = Materializer.matFromSystem(system);
        Connection connection = new Connection(accepted.incrementAndGet(), uri);
        Sink<Message, NotUsed> incoming = Flow.<Message>create()
                .filter(Message::isText)
                .mapAsync(1, message -> message.asTextMessage().isStrict()
                        ? CompletableFuture.completedFuture(message.asTextMessage().getStrictText())
                        : message.asTextMessage().toStrict(FRAME_TIMEOUT.toMillis(), materializer)
                                .thenApply(strict -> strict.text()))
                .to(Sink.foreach(frame -> {
                    connection.frameTimes.add(System.nanoTime());
                    connection.frames.add(frame);
                    script.received(connection, frame);
                }));
        Source<Message, NotUsed> outgoing = Source.<Message>queue(OUTGOING_FRAMES).mapMaterializedValue(queue -> {
            connection.outgoing = queue;
            connections.add(connection);
            script.opened(connection);
            return NotUsed.getInstance();
        });
        return Flow.fromSinkAndSourceCoupled(incoming, outgoing);
    }

    @Override
    public void close() throws Exception {
        binding.unbind().toCompletableFuture().get(BIND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        connections.forEach(Connection::close);
    }
}
