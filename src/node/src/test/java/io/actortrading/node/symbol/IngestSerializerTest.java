package io.actortrading.node.symbol;

import com.typesafe.config.ConfigFactory;
import io.actortrading.market.Bar;
import io.actortrading.market.MarketEvent;
import io.actortrading.market.Quote;
import io.actortrading.market.Tick;
import io.actortrading.market.Timeframe;
import io.actortrading.node.feed.FeedRouter;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Tick batches survive the trip between nodes, through the serializer the configuration binds. */
class IngestSerializerTest {

    private static final ActorTestKit KIT = ActorTestKit.create(
            ConfigFactory.parseString("pekko.remote.artery.canonical.port = 0").withFallback(ConfigFactory.load()));

    @AfterAll
    static void shutDown() {
        KIT.shutdownTestKit();
    }

    @Test
    void aBatchOfTradesQuotesAndBarsWithItsSourceChoiceRoundTripsThroughTheBoundSerializer() throws Exception {
        TestProbe<FeedRouter.Command> router = KIT.createTestProbe();
        List<MarketEvent> events = List.of(
                new Tick("MSFT", 1536036818784L, 114.125, 100, "polygon", "12345", 3681328, 4),
                Tick.of("BTC-USD", 1610462007425L, 33021.9, 0.01616617, "synthetic"),
                new Quote("MSFT", 1536036818784L, 114.125, 100, 114.128, 160, null),
                new Bar("GTE", Timeframe.M1, 1610144640000L, 1610144700000L, 0.4488, 0.4489, 0.4486, 0.4486, 4110,
                        Double.NaN, 685, "polygon"));
        SymbolActor.Ingest ingest = new SymbolActor.Ingest(events, 42L, router.ref(),
                new SourceChoice("yahoo", List.of("polygon", "yahoo", "twelvedata")));

        Serialization serialization = SerializationExtension.get(KIT.system().classicSystem());
        var serializer = serialization.findSerializerFor(ingest);
        assertThat(serializer).isInstanceOf(IngestSerializer.class);
        byte[] bytes = serializer.toBinary(ingest);
        Object back = serialization.deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, ingest)).get();

        // Records compare doubles with Double.compare, so a NaN VWAP must come back as NaN.
        assertThat(back).isEqualTo(ingest);
    }
}
