package io.actortrading.cli;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP endpoint on 127.0.0.1 that answers with canned contract documents and records what atctl
 * sent, so the tests exercise atctl's own HTTP client end to end.
 */
final class RecordingNode implements AutoCloseable {

    record Request(String method, String rawPathAndQuery, Headers headers, String body) {
    }

    private record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private RecordingNode(HttpServer server) {
        this.server = server;
    }

    static RecordingNode start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        RecordingNode node = new RecordingNode(server);
        server.createContext("/", node::handle);
        server.start();
        return node;
    }

    /** Answers {@code method rawPathAndQuery} (as sent, still percent-encoded) with this status and body. */
    RecordingNode answer(String method, String rawPathAndQuery, int status, String body) {
        answers.put(method + " " + rawPathAndQuery, new Answer(status, body));
        return this;
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(exchange.getRequestMethod(), target, exchange.getRequestHeaders(), body));
        Answer answer = answers.getOrDefault(exchange.getRequestMethod() + " " + target,
                new Answer(404, "{\"error\": \"no route " + target + "\"}"));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
