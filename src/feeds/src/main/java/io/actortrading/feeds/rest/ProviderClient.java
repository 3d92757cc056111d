package io.actortrading.feeds.rest;

import io.actortrading.feeds.ProviderReply;
import io.actortrading.feeds.ProviderReply.FailureKind;
import io.actortrading.feeds.live.ProviderGate;
import io.actortrading.feeds.live.ProviderSettings;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaRanges;
import org.apache.pekko.http.javadsl.model.headers.Accept;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.pattern.CircuitBreakerOpenException;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.stream.StreamLimitReachedException;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

/**
 * The one way the node calls a provider's REST API: a GET through Pekko HTTP, decoded by the
 * provider's codec.
 *
 * <p>Every attempt first takes one credit of the provider's shared budget (none left: {@code THROTTLED}
 * "rate budget exhausted", nothing sent) and runs through the provider's circuit breaker. Timeouts,
 * connection errors and {@code TRANSIENT}, {@code THROTTLED} and {@code MALFORMED} answers count as
 * breaker failures; an unknown symbol ({@code PERMANENT}) and a refused key or plan do not, as the
 * provider answered. While the breaker is open nothing is sent: the call fails at once with
 * {@code THROTTLED} "circuit breaker open". {@code THROTTLED} and {@code TRANSIENT} are retried up to
 * {@code retry.max-attempts} attempts in all, after the configured backoff or the provider's
 * {@code Retry-After}; a {@code Retry-After} beyond {@code retry.max} is not waited for, the failure is
 * handed on. Waits are scheduled on the actor system's scheduler, nothing blocks.
 *
 * <p>The body is read whole, at most {@code max-response-size} bytes (more is {@code MALFORMED}) within
 * {@code request-timeout}, which also bounds the whole attempt.
 *
 * <p>URLs and messages are redacted of the API key before they reach a log line or a failure message.
 * Thread-safe; one per provider gate.
 */
public final class ProviderClient {

    /** Turns one response, its HTTP status and its body, into what the provider meant. Must not throw. */
    @FunctionalInterface
    public interface ResponseDecoder {
        ProviderReply decode(int httpStatus, String body);
    }

    public static final String BUDGET_EXHAUSTED = "rate budget exhausted";
    public static final String BREAKER_OPEN = "circuit breaker open";

    private static final Logger LOG = LoggerFactory.getLogger(ProviderClient.class);
    private static final Set<FailureKind> BREAKER_FAILURES =
            EnumSet.of(FailureKind.TRANSIENT, FailureKind.THROTTLED, FailureKind.MALFORMED);
    private static final Set<FailureKind> RETRIED = EnumSet.of(FailureKind.TRANSIENT, FailureKind.THROTTLED);

    private final ActorSystem<?> system;
    private final ProviderGate gate;
    private final ProviderSettings settings;
    private final Http http;
    private final HttpHeader userAgent;

    public ProviderClient(ActorSystem<?> system, ProviderGate gate) {
        this.system = system;
        this.gate = gate;
        this.settings = gate.settings();
        this.http = Http.get(system);
        this.userAgent = HttpHeader.parse("User-Agent", settings.userAgent());
    }

    public String source() {
        return gate.source();
    }

    public ProviderGate gate() {
        return gate;
    }

    /**
     * GETs {@code url} (which carries the key, if the provider wants it in the query) and decodes the
     * answer. The stage always completes normally.
     */
    public CompletionStage<ProviderReply> get(String url, ResponseDecoder decoder) {
        return attempt(url, decoder, 1);
    }

    /** The text with this provider's key and every key-like parameter masked. */
    public String redact(String text) {
        return Redaction.redact(text, settings.apiKey());
    }

    private CompletionStage<ProviderReply> attempt(String url, ResponseDecoder decoder, int attempt) {
        if (gate.breaker().isOpen()) {
            return done(url, new ProviderReply.Failure(FailureKind.THROTTLED, BREAKER_OPEN));
        }
        if (!gate.tryAcquire(1, System.currentTimeMillis())) {
            return done(url, new ProviderReply.Failure(FailureKind.THROTTLED, BUDGET_EXHAUSTED));
        }
        LOG.debug("{}: GET {} (attempt {})", source(), redact(url), attempt);
        return gate.breaker().callWithCircuitBreakerCS(() -> exchange(url, decoder), ProviderClient::breakerFailure)
                .handle((exchange, error) -> error == null ? exchange : Exchange.of(failure(url, error)))
                .thenCompose(exchange -> next(url, decoder, attempt, exchange));
    }

    private CompletionStage<ProviderReply> next(String url, ResponseDecoder decoder, int attempt, Exchange exchange) {
        if (!(exchange.reply() instanceof ProviderReply.Failure failure) || !RETRIED.contains(failure.kind())
                || BREAKER_OPEN.equals(failure.message()) || attempt >= settings.maxAttempts()) {
            return done(url, exchange.reply());
        }
        Duration backoff = settings.retry().delay(attempt, ThreadLocalRandom.current().nextDouble());
        Duration wait = exchange.retryAfter().orElse(backoff);
        if (wait.compareTo(settings.retry().max()) > 0) {
            return done(url, new ProviderReply.Failure(failure.kind(),
                    failure.message() + " (provider asks to retry after " + wait.toSeconds() + " s)"));
        }
        LOG.debug("{}: {} {}, attempt {} of {} in {} ms: {}", source(), failure.kind(), failure.message(),
                attempt + 1, settings.maxAttempts(), wait.toMillis(), redact(url));
        return Patterns.after(wait, system.classicSystem().scheduler(), system.executionContext(),
                () -> attempt(url, decoder, attempt + 1));
    }

    private CompletionStage<ProviderReply> done(String url, ProviderReply reply) {
        if (reply instanceof ProviderReply.Failure failure) {
            ProviderReply.Failure redacted = new ProviderReply.Failure(failure.kind(), redact(failure.message()));
            LOG.debug("{}: {} {}: {}", source(), redacted.kind(), redacted.message(), redact(url));
            return CompletableFuture.completedFuture(redacted);
        }
        return CompletableFuture.completedFuture(reply);
    }

    /** One request and its decoded answer; transport problems become failures here, never exceptions. */
    private CompletionStage<Exchange> exchange(String url, ResponseDecoder decoder) {
        CompletionStage<Exchange> answered;
        try {
            HttpRequest request = HttpRequest.GET(url).addHeader(userAgent)
                    .addHeader(Accept.create(MediaRanges.ALL_APPLICATION));
            answered = http.singleRequest(request).thenCompose(response -> read(response, decoder));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Exchange.of(
                    new ProviderReply.Failure(FailureKind.PERMANENT, "cannot request " + redact(url) + ": " + e.getMessage())));
        }
        return within(answered, settings.requestTimeout())
                .exceptionally(error -> Exchange.of(failure(url, error)));
    }

    private CompletionStage<Exchange> read(HttpResponse response, ResponseDecoder decoder) {
        int status = response.status().intValue();
        Optional<Duration> retryAfter = response.getHeader(RetryAfter.class)
                .flatMap(header -> header.getDelaySeconds().map(Duration::ofSeconds));
        OptionalLong length = response.entity().getContentLengthOption();
        if (length.isPresent() && length.getAsLong() > settings.maxResponseBytes()) {
            response.discardEntityBytes(system);
            return CompletableFuture.completedFuture(Exchange.of(tooLarge()));
        }
        // read with a limit of its own: toStrict reports an overflow like a truncated stream
        return response.entity().withoutSizeLimit().getDataBytes()
                .completionTimeout(settings.requestTimeout())
                .limitWeighted(settings.maxResponseBytes(), bytes -> (long) bytes.size())
                .runFold(ByteString.emptyByteString(), ByteString::concat, system)
                .thenApply(body -> new Exchange(decode(decoder, status, body.decodeString(StandardCharsets.UTF_8)),
                        retryAfter));
    }

    private ProviderReply decode(ResponseDecoder decoder, int status, String body) {
        try {
            return decoder.decode(status, body);
        } catch (RuntimeException e) {
            return new ProviderReply.Failure(FailureKind.MALFORMED, "HTTP " + status + ": undecodable body: " + e);
        }
    }

    /** The stage, or a timeout failure once {@code timeout} has passed; the timer goes when the stage completes. */
    private <T> CompletionStage<T> within(CompletionStage<T> stage, Duration timeout) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Cancellable timer = system.scheduler().scheduleOnce(timeout, () -> result.completeExceptionally(
                new TimeoutException("no answer within " + timeout.toMillis() + " ms")), system.executionContext());
        stage.whenComplete((value, error) -> {
            timer.cancel();
            if (error == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(error);
            }
        });
        return result;
    }

    private ProviderReply.Failure failure(String url, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof CircuitBreakerOpenException) {
            return new ProviderReply.Failure(FailureKind.THROTTLED, BREAKER_OPEN);
        }
        if (cause instanceof StreamLimitReachedException || cause instanceof EntityStreamSizeException) {
            return tooLarge();
        }
        String what = cause instanceof TimeoutException ? "timed out" : "failed";
        return new ProviderReply.Failure(FailureKind.TRANSIENT,
                "GET " + redact(url) + " " + what + ": " + redact(String.valueOf(cause.getMessage())));
    }

    private ProviderReply.Failure tooLarge() {
        return new ProviderReply.Failure(FailureKind.MALFORMED, "response larger than " + settings.maxResponseBytes() + " bytes");
    }

    private static Boolean breakerFailure(Optional<Exchange> exchange, Optional<Throwable> error) {
        return error.isPresent() || exchange.map(Exchange::reply)
                .filter(reply -> reply instanceof ProviderReply.Failure failure
                        && BREAKER_FAILURES.contains(failure.kind()))
                .isPresent();
    }

    /** An attempt's answer, with the wait the provider asked for before the next one, if it did. */
    private record Exchange(ProviderReply reply, Optional<Duration> retryAfter) {

        static Exchange of(ProviderReply reply) {
            return new Exchange(reply, Optional.empty());
        }
    }
}
