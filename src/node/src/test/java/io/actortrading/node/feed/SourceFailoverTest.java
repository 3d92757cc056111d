package io.actortrading.node.feed;

import io.actortrading.feeds.live.BreakerState;
import io.actortrading.feeds.live.ConnectionState;
import io.actortrading.feeds.live.SourceHandle;
import io.actortrading.feeds.live.SourceHealth;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SourceFailoverTest {

    private static final long SECOND = 1_000_000_000L;
    /** A Wednesday, 15:00 UTC = 11:00 New York: US equities are in session. */
    private static final long IN_SESSION = Instant.parse("2026-03-04T15:00:00Z").toEpochMilli();
    /** The same Wednesday at 23:00 UTC: US equities are closed, crypto is not. */
    private static final long AFTER_HOURS = Instant.parse("2026-03-04T23:00:00Z").toEpochMilli();

    private SourceFailover failover;

    @BeforeEach
    void start() {
        failover = new SourceFailover(new SourceFailover.Settings(List.of("polygon", "yahoo", "alphavantage"),
                Map.of("ETH-USD", List.of("yahoo", "polygon")),
                Map.of("polygon", Duration.ofSeconds(10), "yahoo", Duration.ofSeconds(120),
                        "alphavantage", Duration.ofSeconds(120)),
                Set.of("polygon"), Duration.ofMillis(500), Duration.ofSeconds(30)));
        failover.connections(List.of(handle("polygon", "polygon-stocks"), handle("polygon", "polygon-crypto"),
                handle("yahoo", "yahoo"), handle("alphavantage", "alphavantage")));
        failover.symbols(Map.of("MSFT", List.of(), "BTC-USD", List.of(), "ETH-USD", List.of()), 0);
    }

    private static SourceHandle handle(String provider, String connection) {
        return new SourceHandle(provider, connection, null, symbols -> { }, replyTo -> { });
    }

    @Test
    void theFirstProviderInTheOrderIsActiveAtStartAndPerSymbolOrdersApply() {
        assertThat(failover.choice("MSFT").active()).isEqualTo("polygon");
        assertThat(failover.choice("MSFT").order()).containsExactly("polygon", "yahoo", "alphavantage");
        assertThat(failover.choice("ETH-USD").active()).isEqualTo("yahoo");
        assertThat(failover.choice("UNKNOWN").order()).isEmpty();
    }

    @Test
    void aStreamingProviderServesEveryListingSymbolOnItsMarketsConnectionAndPolledOnesOnlyUpToTheActive() {
        Map<String, Set<String>> assigned = failover.assignments();
        assertThat(assigned.get("polygon-stocks")).containsExactly("MSFT");
        assertThat(assigned.get("polygon-crypto")).containsExactlyInAnyOrder("BTC-USD", "ETH-USD");
        assertThat(assigned.get("yahoo")).containsExactly("ETH-USD");
        assertThat(assigned.get("alphavantage")).isEmpty();
    }

    @Test
    void aSilentPreferredProviderFailsOverAfterItsStaleWindowAndBackWhenItDeliversAgain() {
        failover.seen("MSFT", "polygon", 1 * SECOND);
        assertThat(failover.evaluate(10 * SECOND, IN_SESSION)).isEmpty();

        List<SourceFailover.Switch> switches = failover.evaluate(12 * SECOND, IN_SESSION);
        assertThat(switches).extracting(SourceFailover.Switch::symbol).contains("MSFT");
        assertThat(failover.choice("MSFT").active()).isEqualTo("yahoo");
        assertThat(failover.assignments().get("yahoo")).contains("MSFT");
        assertThat(failover.choice("MSFT").applies("polygon")).isFalse();
        assertThat(failover.choice("MSFT").applies("yahoo")).isTrue();

        failover.seen("MSFT", "polygon", 20 * SECOND);
        assertThat(failover.evaluate(20 * SECOND, IN_SESSION))
                .anySatisfy(change -> assertThat(change.reason()).contains("delivers again"));
        assertThat(failover.choice("MSFT").active()).isEqualTo("polygon");
        assertThat(failover.assignments().get("yahoo")).doesNotContain("MSFT");
        assertThat(failover.switches()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void silenceOutsideTheSymbolsSessionIsNotStalenessButCryptoIsAlwaysInSession() {
        failover.evaluate(60 * SECOND, AFTER_HOURS);
        assertThat(failover.choice("MSFT").active()).isEqualTo("polygon");
        assertThat(failover.choice("BTC-USD").active()).isEqualTo("yahoo");
    }

    @Test
    void anOpenBreakerOrAFailedConnectionFailsOverAtOnceAndOnlyForTheSymbolsOfThatConnection() {
        failover.health(new SourceHealth("polygon", "polygon-crypto", ConnectionState.BREAKER_OPEN,
                BreakerState.OPEN, "5 failures"));
        failover.evaluate(1 * SECOND, IN_SESSION);
        assertThat(failover.choice("BTC-USD").active()).isEqualTo("yahoo");
        assertThat(failover.choice("MSFT").active()).isEqualTo("polygon");

        failover.health(new SourceHealth("polygon", "polygon-stocks", ConnectionState.FAILED, BreakerState.CLOSED,
                "auth_failed"));
        failover.evaluate(2 * SECOND, IN_SESSION);
        assertThat(failover.choice("MSFT").active()).isEqualTo("yahoo");
        assertThat(failover.describe("MSFT", 2 * SECOND).get("lastSwitch").toString()).contains("FAILED");
    }

    @Test
    void whenNoProviderIsUsableTheLastActiveOneStays() {
        for (String connection : List.of("polygon-stocks", "yahoo", "alphavantage")) {
            failover.health(new SourceHealth(connection.startsWith("polygon") ? "polygon" : connection, connection,
                    ConnectionState.FAILED, BreakerState.CLOSED, ""));
        }
        assertThat(failover.evaluate(1 * SECOND, IN_SESSION)).noneMatch(change -> change.symbol().equals("MSFT"));
        assertThat(failover.choice("MSFT").active()).isEqualTo("polygon");
    }

    @Test
    void aLowerPolledProviderNotYetAskedForASymbolIsNotJudgedStaleBeforeItIsAsked() {
        failover.evaluate(11 * SECOND, IN_SESSION);
        assertThat(failover.choice("MSFT").active()).isEqualTo("yahoo");
        // yahoo was asked at 11 s; 120 s later without data it is stale too, and alphavantage (never asked) takes over
        failover.evaluate(132 * SECOND, IN_SESSION);
        assertThat(failover.choice("MSFT").active()).isEqualTo("alphavantage");
    }

    @Test
    void aSymbolRegisteredWithSourcesUsesTheEnabledOnesInThatOrderAndARegistrationChangeReroutesIt() {
        failover.symbols(Map.of("MSFT", List.of(), "TSLA", List.of("synthetic", "yahoo", "polygon")), 0);
        assertThat(failover.choice("TSLA").order()).containsExactly("yahoo", "polygon");
        assertThat(failover.choice("TSLA").active()).isEqualTo("yahoo");
        assertThat(failover.choice("TSLA").applies("synthetic")).as("not a live provider: always applied").isTrue();

        assertThat(failover.symbols(Map.of("MSFT", List.of(), "TSLA", List.of("polygon")), 0)).isTrue();
        assertThat(failover.choice("TSLA").order()).containsExactly("polygon");
        assertThat(failover.symbols(Map.of("MSFT", List.of(), "TSLA", List.of("synthetic")), 0)).isTrue();
        assertThat(failover.choice("TSLA").order()).as("no live provider registered: the configured order")
                .containsExactly("polygon", "yahoo", "alphavantage");
    }

    @Test
    void removedSymbolsLoseTheirRoutes() {
        failover.symbols(Map.of("MSFT", List.of()), 0);
        assertThat(failover.choice("BTC-USD").order()).isEmpty();
        assertThat(failover.assignments().get("polygon-crypto")).isEmpty();
    }
}
