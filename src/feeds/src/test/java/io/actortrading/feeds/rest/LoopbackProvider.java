package io.actortrading.feeds.rest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A provider's REST API on a loopback port for tests: answers every request with what the current
 * responder says, and keeps every request it received, so a test can count what reached the provider.
 */
public final class LoopbackProvider implements AutoCloseable {

    /** A request as the provider received it. */
    public record Received(String path, String rawQuery, String userAgent, long atNanos) {

        /** The decoded value of a query parameter, or null. */
        public String param(String name) {
            if (rawQuery == null) {
                return null;
            }
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(name)) {
                    return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }

    /** What the provider answers. */
    public record Answer(int status, String body, Map<String, String> headers) {

        public static Answer of(int status, String body) {
            return new Answer(status, body, Map.of());
        }

        public static Answer json(String body) {
            return of(200, body);
        }

        public Answer withHeader(String name, String value) {
            Map<String, String> all = new java.util.HashMap<>(headers);
            all.put(name, value);
            return new Answer(status, body, Map.copyOf(all));
        }
    }

    /** An answer header that makes the provider send its body chunked, without a Content-Length; not sent. */
    public static final String CHUNKED = "X-Loopback-Chunked";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicReference<Function<Received, Answer>> responder;

    private LoopbackProvider(Function<Received, Answer> responder) throws IOException {
        this.responder = new AtomicReference<>(responder);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static LoopbackProvider start(Function<Received, Answer> responder) {
        try {
            return new LoopbackProvider(responder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL to configure as the provider's rest-url. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void respond(Function<Received, Answer> next) {
        responder.set(next);
    }

    public List<Received> requests() {
        return List.copyOf(received);
    }

    public int requestCount() {
        return received.size();
    }

    /** A recorded provider body from the test resources ({@code yahoo/chart-1m.json}). */
    public static String fixture(String resource) {
        try {
            URI uri = LoopbackProvider.class.getClassLoader().getResource(resource).toURI();
            return Files.readString(Path.of(uri), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(resource, e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
            URI uri = exchange.getRequestURI();
            Received request = new Received(uri.getRawPath(), uri.getRawQuery(),
                    exchange.getRequestHeaders().getFirst("User-Agent"), System.nanoTime());
            received.add(request);
            Answer answer = responder.get().apply(request);
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            answer.headers().forEach((name, value) -> {
                if (!name.equals(CHUNKED)) {
                    exchange.getResponseHeaders().add(name, value);
                }
            });
            if (!answer.headers().containsKey("Content-Type")) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
            }
            long length = answer.headers().containsKey(CHUNKED) ? 0 : bytes.length == 0 ? -1 : bytes.length;
            exchange.sendResponseHeaders(answer.status(), length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
