package io.actortrading.node.feed;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.actortrading.feeds.live.ProviderSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LiveSourcesTest {

    private static ProviderSettings settings(String name, String overrides) {
        Config providers = ConfigFactory.parseString(overrides).withFallback(ConfigFactory.load())
                .getConfig("actortrading.feeds.providers");
        return ProviderSettings.fromConfig(name, LiveSources.effective(name, providers));
    }

    @Test
    void aChangedDefaultReachesEveryProviderThatDoesNotSetTheKeyItself() {
        String overrides = """
                actortrading.feeds.providers.defaults {
                  enabled = on
                  poll-interval = 5s
                  breaker.max-failures = 3
                }
                actortrading.feeds.providers.yahoo.poll-interval = 30s
                """;
        assertThat(settings("polygon", overrides).enabled()).isTrue();
        assertThat(settings("polygon", overrides).breaker().maxFailures()).isEqualTo(3);
        assertThat(settings("alphavantage", overrides).pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings("yahoo", overrides).pollInterval()).as("set for yahoo itself").isEqualTo(Duration.ofSeconds(30));
        assertThat(settings("yahoo", overrides).breaker().maxFailures()).isEqualTo(3);
    }

    @Test
    void withoutChangesEveryProviderKeepsItsReferenceValues() {
        ProviderSettings polygon = settings("polygon", "");
        assertThat(polygon.enabled()).isFalse();
        assertThat(polygon.staleAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(polygon.breaker().maxFailures()).isEqualTo(5);
        assertThat(polygon.breaker().resetTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings("yahoo", "").staleAfter()).as("two poll intervals").isEqualTo(Duration.ofSeconds(120));
        assertThat(settings("yahoo", "actortrading.feeds.providers.yahoo.poll-interval = 20s").staleAfter())
                .as("a minute bar exists once a minute: one minute plus one poll").isEqualTo(Duration.ofSeconds(80));
        assertThat(settings("twelvedata", "").staleAfter()).as("streaming").isEqualTo(Duration.ofSeconds(10));
        assertThat(settings("twelvedata", "actortrading.feeds.providers.twelvedata.mode = rest").staleAfter())
                .as("polled").isEqualTo(Duration.ofSeconds(120));
        assertThat(polygon.toString()).doesNotContain("api-key =");
    }

    @Test
    void aNodeWithoutLiveProvidersHasNothingToBackfillFrom() {
        assertThat(LiveSources.none().any()).isFalse();
        assertThat(LiveSources.none().backfillOrder(List.of("polygon"))).isEmpty();
    }
}
