package io.actortrading.fakes;

import io.actortrading.market.Bar;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What the tests use to talk to the fakes over loopback: plain JDK HTTP and WebSocket clients. */
final class ProviderClient {

    static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private ProviderClient() {
    }

    record Answer(int status, String body, String contentType) {
    }

    static Answer get(String url, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET(), headers);
    }

    static Answer send(String method, String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    static CompletableFuture<HttpResponse<String>> getAsync(String url, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).GET();
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return HTTP.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Answer send(HttpRequest.Builder builder, String... headers) {
        if (headers.length > 0) {
            builder.headers(headers);
        }
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException("request to the fakes failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens a WebSocket that records every text frame and how it ended. */
    static Socket connect(String url) {
        Socket socket = new Socket();
        try {
            socket.webSocket = HTTP.newWebSocketBuilder().connectTimeout(TIMEOUT)
                    .buildAsync(URI.create(url), socket).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("WebSocket to the fakes failed: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return socket;
    }

    /** The status a refused WebSocket upgrade was answered with. */
    static int refusedUpgrade(String url) {
        try {
            HTTP.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(URI.create(url), new Socket())
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            throw new AssertionError("the upgrade was accepted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException handshake) {
                return handshake.getResponse().statusCode();
            }
            throw new AssertionError("the upgrade failed without an HTTP answer: " + e.getCause(), e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the upgrade got no answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static final class Socket implements WebSocket.Listener {

        final List<String> frames = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket webSocket;

        void send(String text) {
            webSocket.sendText(text, true).join();
        }

        void close() {
            if (!webSocket.isOutputClosed()) {
                webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
            }
            webSocket.abort();
        }

        boolean isClosed() {
            return closed.isDone();
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.complete(-1);
        }
    }

    /** A provider bar equals the tape's minute in every field the provider sends. */
    static void assertBarIs(Bar bar, FakeMinute minute, boolean withVwapAndTrades) {
        assertThat(bar.symbol()).isEqualTo(minute.symbol());
        assertThat(bar.start()).isEqualTo(minute.start());
        assertThat(bar.end()).isEqualTo(minute.end());
        assertThat(new double[] {bar.open(), bar.high(), bar.low(), bar.close(), bar.volume()})
                .as("o h l c v of %s at %s", bar.symbol(), bar.start())
                .containsExactly(minute.open(), minute.high(), minute.low(), minute.close(), minute.volume());
        if (withVwapAndTrades) {
            assertThat(bar.vwap()).isEqualTo(minute.vwap());
            assertThat(bar.trades()).isEqualTo(minute.trades());
        }
    }
}
