package io.actortrading.node.redis;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RedisSettingsTest {

    private static final Config DEFAULTS = ConfigFactory.defaultReference().getConfig("actortrading.redis");

    @Test
    void theDefaultsLeaveRedisOffWithTheDocumentedLimits() {
        RedisSettings settings = RedisSettings.fromConfig(DEFAULTS.withValue("url", ConfigValueFactory.fromAnyRef("")));

        assertThat(settings.enabled()).isFalse();
        assertThat(settings.keyPrefix()).isEqualTo("at:");
        assertThat(settings.latestTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(settings.recentBars()).isEqualTo(5000);
        assertThat(settings.ticksStreamMaxLength()).isEqualTo(500_000);
        assertThat(settings.aggMinuteStreamMaxLength()).isEqualTo(100_000);
        assertThat(settings.tickBuffer()).isEqualTo(100_000);
        assertThat(settings.barBuffer()).isEqualTo(20_000);
        assertThat(settings.batchSize()).isEqualTo(2000);
        assertThat(settings.batchInterval()).isEqualTo(Duration.ofMillis(20));
        assertThat(settings.batchesInFlight()).isEqualTo(2);
        assertThat(settings.backoffMin()).isEqualTo(Duration.ofMillis(200));
        assertThat(settings.backoffMax()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void theUrlIsDescribedAndRedactedWithoutItsPassword() {
        RedisSettings settings = RedisSettings.fromConfig(DEFAULTS.withValue("url",
                ConfigValueFactory.fromAnyRef("redis://trader:s3cret@cache.internal:6380/2")));

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.describe()).isEqualTo("redis://cache.internal:6380/2");
        assertThat(settings.redact("connect to redis://trader:s3cret@cache.internal:6380 failed (auth s3cret)"))
                .isEqualTo("connect to redis://***@cache.internal:6380 failed (auth ***)")
                .doesNotContain("s3cret");
    }

    @Test
    void aPasswordWithoutAUserIsRedactedToo() {
        RedisSettings settings = RedisSettings.fromConfig(DEFAULTS.withValue("url",
                ConfigValueFactory.fromAnyRef("rediss://:hunter2@10.0.0.5:6379")));

        assertThat(settings.describe()).isEqualTo("rediss://10.0.0.5:6379");
        assertThat(settings.redact("WRONGPASS hunter2")).isEqualTo("WRONGPASS ***");
    }
}
