package io.actortrading.feeds.rest;

import io.actortrading.feeds.ProviderReply;
import io.actortrading.feeds.live.ProviderGate;
import io.actortrading.feeds.rest.LoopbackProvider.Answer;
import io.actortrading.feeds.rest.LoopbackProvider.Received;
import org.apache.pekko.actor.typed.ActorSystem;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** A loopback provider and the gate of a provider configured to call it, for one test. */
public final class ProviderRig implements AutoCloseable {

    private static final long REPLY_TIMEOUT_SECONDS = 10;

    private final LoopbackProvider server;
    private final ProviderGate gate;

    private ProviderRig(LoopbackProvider server, ProviderGate gate) {
        this.server = server;
        this.gate = gate;
    }

    /** @param overrides HOCON inside the provider's block, over {@link ProviderFixtures#FAST} */
    public static ProviderRig start(ActorSystem<?> system, String provider, String apiKey, String overrides,
                                    Function<Received, Answer> responder) {
        LoopbackProvider server = LoopbackProvider.start(responder);
        return new ProviderRig(server, ProviderFixtures.gate(system,
                ProviderFixtures.settings(provider, server.baseUrl(), apiKey, overrides)));
    }

    public LoopbackProvider server() {
        return server;
    }

    public ProviderGate gate() {
        return gate;
    }

    /** The reply a history or client stage completes with, waiting at most ten seconds. */
    public static ProviderReply reply(CompletionStage<ProviderReply> stage) {
        return stage.toCompletableFuture().orTimeout(REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
    }

    @Override
    public void close() {
        server.close();
    }
}
