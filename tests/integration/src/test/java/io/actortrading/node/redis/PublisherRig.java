package io.actortrading.node.redis;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.actortrading.market.Bar;
import io.actortrading.market.MarketEvent;
import io.actortrading.market.Tick;
import io.actortrading.market.Timeframe;
import io.actortrading.market.features.FeatureWindow;
import io.actortrading.market.indicators.IndicatorSet;
import io.actortrading.node.symbol.SymbolActor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A publisher on a plain local actor system (no cluster, no node), and the trades and bars the tests
 * feed it.
 */
final class PublisherRig implements AutoCloseable {

    static final long MINUTE = Duration.ofMinutes(1).toMillis();
    static final long T0 = 1_772_461_800_000L;
    private static final long STOP_SECONDS = 30;

    final ActorSystem<Void> system;
    final RedisPublisher publisher;

    /** @param overrides HOCON under {@code actortrading.redis} */
    PublisherRig(String url, String prefix, String overrides) {
        Config config = ConfigFactory.parseString("pekko.actor.provider = local\npekko.loglevel = INFO")
                .withFallback(ConfigFactory.load());
        system = ActorSystem.create(Behaviors.empty(), "redis-publisher-test", config);
        Config redis = ConfigFactory.parseString(overrides)
                .withValue("url", ConfigValueFactory.fromAnyRef(url))
                .withValue("key-prefix", ConfigValueFactory.fromAnyRef(prefix))
                .withFallback(config.getConfig("actortrading.redis"));
        publisher = RedisPublisher.start(system, RedisSettings.fromConfig(redis));
    }

    static List<MarketEvent> ticks(String symbol, int count, long from) {
        List<MarketEvent> ticks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ticks.add(Tick.of(symbol, from + i, 100.0 + i * 0.01, 10 + i, "synthetic"));
        }
        return ticks;
    }

    static SymbolActor.BarUpdate minute(String symbol, int minute, double close, boolean withFeatures,
                                        boolean revision) {
        long start = T0 + minute * MINUTE;
        Bar bar = new Bar(symbol, Timeframe.M1, start, start + MINUTE, close - 0.5, close + 1, close - 1, close, 1200,
                close - 0.1, 42, "polygon");
        double[] indicators = new double[IndicatorSet.NAMES.size()];
        Arrays.fill(indicators, Double.NaN);
        indicators[0] = close - 0.25;
        double[] features = null;
        if (withFeatures) {
            features = new double[FeatureWindow.SIZE];
            for (int i = 0; i < features.length; i++) {
                features[i] = i + 0.5;
            }
        }
        return new SymbolActor.BarUpdate(bar, indicators, features, revision);
    }

    @Override
    public void close() {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().orTimeout(STOP_SECONDS, TimeUnit.SECONDS).join();
    }
}
