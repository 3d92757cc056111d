package io.actortrading.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Talks JSON over HTTP to one node's inspection endpoint and turns every way that can go wrong into a
 * {@link NodeRequestException} with the exit code atctl ends with.
 */
public final class NodeClient {

    /**
     * A node on this host or the LAN accepts a connection within milliseconds; two seconds tells a
     * stopped node from a slow one without leaving the user staring at a silent terminal.
     */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /**
     * The routes answer from in-memory actor state; ten seconds leaves room for a node under load or a
     * cluster-wide query (region stats ask every node) before atctl gives up.
     */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private static final int MAX_MESSAGE_LENGTH = 200;

    private final NodeAddress address;
    private final Optional<String> token;
    private final ObjectMapper mapper;
    private final HttpClient http;

    public NodeClient(NodeAddress address, Optional<String> token, ObjectMapper mapper) {
        this.address = address;
        this.token = token.filter(t -> !t.isBlank());
        this.mapper = mapper;
        this.http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                // Plain HTTP/1.1: the inspection endpoint does not speak h2c and the upgrade dance only costs a round trip.
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public JsonNode get(String pathAndQuery) {
        return send("GET", pathAndQuery, request(pathAndQuery).GET());
    }

    public JsonNode post(String path, JsonNode body) {
        String json;
        try {
            json = mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JsonNode always serializes", e);
        }
        return send("POST", path, request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    public JsonNode delete(String path) {
        return send("DELETE", path, request(path).DELETE());
    }

    /** Encodes one path segment or query value: {@code EUR/USD} becomes {@code EUR%2FUSD}, a space {@code %20}. */
    public static String encode(String raw) {
        return URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(address.resolve(pathAndQuery))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        return builder;
    }

    private JsonNode send(String method, String path, HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("no connection within " + CONNECT_TIMEOUT.toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            throw new NodeRequestException(NodeRequestException.NODE_FAILURE, "node at " + address
                    + " did not answer " + method + " " + path + " within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw unreachable(reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeRequestException(NodeRequestException.NODE_FAILURE, "interrupted while waiting for " + address);
        }
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status >= 200 && status < 300) {
            return parseSuccess(method, path, status, body);
        }
        String message = errorMessage(method, path, status, body);
        if (status == 401 || status == 403) {
            throw new NodeRequestException(NodeRequestException.REFUSED, message + " (check --token or ATCTL_TOKEN)");
        }
        if (status >= 400 && status < 500) {
            throw new NodeRequestException(NodeRequestException.REFUSED, message);
        }
        throw new NodeRequestException(NodeRequestException.NODE_FAILURE,
                "node at " + address + " failed (HTTP " + status + "): " + message);
    }

    private JsonNode parseSuccess(String method, String path, int status, String body) {
        if (body.isBlank()) {
            return mapper.createObjectNode();
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new NodeRequestException(NodeRequestException.NODE_FAILURE, "node at " + address + " answered "
                    + method + " " + path + " (HTTP " + status + ") with a body that is not JSON");
        }
    }

    /** The node's {"error": ...} text; routes outside the contract (Pekko's own 404 page) get their first line. */
    private String errorMessage(String method, String path, int status, String body) {
        try {
            JsonNode error = mapper.readTree(body).path("error");
            if (error.isTextual() && !error.asText().isBlank()) {
                return error.asText();
            }
        } catch (JsonProcessingException e) {
            // Not JSON: fall through to the raw text below.
        }
        String firstLine = body.strip().lines().findFirst().orElse("").strip();
        if (firstLine.length() > MAX_MESSAGE_LENGTH) {
            firstLine = firstLine.substring(0, MAX_MESSAGE_LENGTH) + "...";
        }
        String what = "node at " + address + " answered HTTP " + status + " to " + method + " " + path;
        return firstLine.isEmpty() ? what : what + ": " + firstLine;
    }

    private NodeRequestException unreachable(String reason) {
        return new NodeRequestException(NodeRequestException.NODE_FAILURE,
                "cannot reach node at " + address + " (" + reason + ")");
    }

    /**
     * The JDK wraps the socket's error a level or two deep, usually without a message: a refused
     * connection arrives as a bare ConnectException around a ClosedChannelException.
     */
    private static String reason(Throwable failure) {
        boolean connectFailed = false;
        String deepestMessage = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
            connectFailed |= t instanceof ConnectException;
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                deepestMessage = t.getMessage().strip();
            }
        }
        if (connectFailed) {
            return "connection refused";
        }
        if (deepestMessage == null) {
            return failure.getClass().getSimpleName();
        }
        return deepestMessage.substring(0, 1).toLowerCase(Locale.ROOT) + deepestMessage.substring(1);
    }
}
