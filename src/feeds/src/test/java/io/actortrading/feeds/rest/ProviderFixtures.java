package io.actortrading.feeds.rest;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.actortrading.feeds.live.ProviderGate;
import io.actortrading.feeds.live.ProviderSettings;
import io.actortrading.feeds.ratelimit.RequestBudgets;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Provider settings for tests: the shipped defaults of one provider with its rest-url on a loopback
 * server and short waits, so retries, breakers and budgets play out in milliseconds.
 */
public final class ProviderFixtures {

    /** Retries after 20-40 ms, three attempts, a breaker of three failures that half-opens after 500 ms. */
    public static final String FAST = """
            request-timeout = 2s
            retry { min = 20ms, max = 200ms, random-factor = 0, max-attempts = 3 }
            breaker { max-failures = 3, call-timeout = 3s, reset-timeout = 500ms }
            rate-limits = []
            fatal-retry = 1s
            poll-interval = 100ms
            """;

    private ProviderFixtures() {
    }

    /**
     * @param overrides HOCON inside the provider's block, applied over {@link #FAST}
     */
    public static ProviderSettings settings(String provider, String baseUrl, String apiKey, String overrides) {
        String path = "actortrading.feeds.providers." + provider;
        Config block = ConfigFactory.parseString(overrides)
                .withFallback(ConfigFactory.parseString(FAST))
                .withFallback(ConfigFactory.parseString("rest-url = \"" + baseUrl + "\"\napi-key = \"" + apiKey + "\""));
        Config config = block.atPath(path).withFallback(ConfigFactory.load()).resolve();
        return ProviderSettings.fromConfig(provider, config.getConfig(path));
    }

    public static ProviderGate gate(ActorSystem<?> system, ProviderSettings settings) {
        return ProviderGate.create(system, settings, new RequestBudgets());
    }
}
