package io.actortrading.cli;

import org.junit.jupiter.api.Test;

import static io.actortrading.cli.ContractDocuments.FEEDS;
import static io.actortrading.cli.ContractDocuments.parse;
import static org.assertj.core.api.Assertions.assertThat;

class FeedsPaletteTest {

    private final String output = FeedsPalette.renderFeeds(parse(FEEDS));

    @Test
    void firstLineIsTheRouterWithBufferFillPercent() {
        assertThat(output.lines().findFirst()).hasValue(
                "router: buffer 120/65536 (0.18% full), routed 123456, unknown symbol 3, batches 4567, failovers 7");
    }

    @Test
    void healthySourceShowsStateRateAgeAndSymbols() {
        assertThat(RenderedTable.row(output, "SOURCE", "SOURCE", "synthetic"))
                .containsEntry("STATE", "running")
                .containsEntry("BREAKER", "-")
                .containsEntry("RESTARTS", "-")
                .containsEntry("MSGS/S", "10234.5")
                .containsEntry("LAST MSG", "12ms")
                .containsEntry("ERRORS", "0")
                .containsEntry("RATE BUDGET", "-")
                .containsEntry("SYMBOLS", "NVDA,MSFT");
    }

    @Test
    void troubledLiveSourceShowsItsBreakerNonZeroErrorsRateBudgetAndLastError() {
        assertThat(RenderedTable.row(output, "SOURCE", "SOURCE", "polygon-stocks"))
                .containsEntry("STATE", "BACKOFF")
                .containsEntry("BREAKER", "OPEN")
                .containsEntry("RESTARTS", "3")
                .containsEntry("MSGS/S", "0.0")
                .containsEntry("LAST MSG", "2m05s")
                .containsEntry("ERRORS", "MALFORMED_FRAME=2 THROTTLED=5")
                .containsEntry("RATE BUDGET", "4");
        assertThat(output).contains("polygon-stocks last error: HTTP 429: You've exceeded the maximum requests per minute");
    }
}
