package io.actortrading.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.actortrading.cli.ContractDocuments.SYMBOLS;
import static io.actortrading.cli.ContractDocuments.SYMBOL_NVDA;
import static io.actortrading.cli.ContractDocuments.parse;
import static org.assertj.core.api.Assertions.assertThat;

class SymbolsPaletteTest {

    private final String show = SymbolsPalette.renderSymbol(parse(SYMBOL_NVDA));

    @Test
    void listShowsEachSymbolWithAssetClassZoneSourcesAndStatus() {
        String output = SymbolsPalette.renderList(parse(SYMBOLS));

        assertThat(RenderedTable.row(output, "SYMBOL", "SYMBOL", "EUR/USD"))
                .containsEntry("ASSET CLASS", "FX")
                .containsEntry("ZONE", "UTC")
                .containsEntry("SOURCES", "twelvedata,polygon")
                .containsEntry("STATUS", "warming");
        assertThat(RenderedTable.row(output, "SYMBOL", "SYMBOL", "NVDA")).containsEntry("STATUS", "live");
        assertThat(output).endsWith("2 symbols\n");
    }

    @Test
    void addAndRemoveSayWhatChanged() {
        assertThat(SymbolsPalette.renderAdded(parse("{\"symbol\": \"TSLA\", \"added\": true}"))).isEqualTo("added TSLA\n");
        assertThat(SymbolsPalette.renderAdded(parse("{\"symbol\": \"TSLA\", \"added\": false}")))
                .isEqualTo("TSLA was already registered\n");
        assertThat(SymbolsPalette.renderRemoved(parse("{\"symbol\": \"TSLA\", \"removed\": true}")))
                .isEqualTo("removed TSLA\n");
    }

    @Test
    void showHeaderCarriesInstrumentLastPriceQualityAndCounters() {
        List<String> header = show.lines().limit(3).toList();

        assertThat(header.get(0)).isEqualTo("NVDA  US_EQUITY  America/New_York  sources synthetic");
        assertThat(header.get(1)).isEqualTo("last price 912.5 at 2026-03-02T15:04:05.123Z  quality 0.998");
        assertThat(header.get(2)).isEqualTo("ticks 1234, applied 1230, late 1, duplicates 2, outside session 0,"
                + " bars closed 42, rejected PRICE_SPIKE=1");
    }

    @Test
    void showNamesTheActiveLiveSourceTheFallbackOrderAndWhyEachProviderCannotServe() {
        String output = SymbolsPalette.renderSymbol(parse(SYMBOL_NVDA));
        assertThat(output).contains("live source yahoo  fallback order polygon > yahoo > twelvedata\n")
                .contains("  polygon: last data 12.5s, is stale (no data for 12500 ms)\n")
                .contains("  yahoo: last data 800ms\n")
                .contains("  twelvedata: last data -, not asked\n")
                .contains("  last switch polygon -> yahoo: polygon is stale (no data for 10012 ms)\n");
    }

    @Test
    void showSaysWhetherTheSymbolIsReadyItsGapsAndTheLastCrossSourceDiscrepancyWithBothPrices() {
        String output = SymbolsPalette.renderSymbol(parse(SYMBOL_NVDA));
        assertThat(output).contains("ready, gaps detected 1 filled 1 unfilled 0, discrepancies 2, standby events 812\n")
                .contains("  last discrepancy 2026-03-02T15:03:00Z: yahoo 912 vs polygon 914.1\n");
    }

    @Test
    void barsAreGroupedByTimeframeOldestFirstWithTheFormingBarLastAndNoDuplicates() {
        List<Map<String, String>> bars = RenderedTable.rows(show, "TF");

        assertThat(bars).extracting(b -> b.get("TF") + " " + b.get("STATE") + " " + b.get("START")).containsExactly(
                "1m closed 2026-03-02T15:02:00Z",
                "1m closed 2026-03-02T15:03:00Z",
                "1m forming 2026-03-02T15:04:00Z",
                "5m closed 2026-03-02T14:55:00Z",
                "5m forming 2026-03-02T15:00:00Z");
    }

    @Test
    void barRowsCarryOhlcvVwapTradesAndSource() {
        Map<String, String> forming = RenderedTable.row(show, "TF", "START", "2026-03-02T15:04:00Z");

        assertThat(forming)
                .containsEntry("OPEN", "912").containsEntry("HIGH", "913.25").containsEntry("LOW", "911.75")
                .containsEntry("CLOSE", "912.5").containsEntry("VOLUME", "1500").containsEntry("VWAP", "912.4")
                .containsEntry("TRADES", "17")
                .containsEntry("SOURCE", "polygon");
    }

    @Test
    void indicatorsHaveOneColumnPerTimeframeShortestFirstAndDashForNull() {
        List<Map<String, String>> indicators = RenderedTable.rows(show, "NAME");

        assertThat(indicators.get(0).keySet()).containsExactly("NAME", "1m", "5m");
        assertThat(RenderedTable.row(show, "NAME", "NAME", "sma_20")).containsEntry("1m", "911.2").containsEntry("5m", "905.125");
        assertThat(RenderedTable.row(show, "NAME", "NAME", "rsi_14")).containsEntry("1m", "61.234568").containsEntry("5m", "-");
        assertThat(RenderedTable.row(show, "NAME", "NAME", "macd")).containsEntry("1m", "-0.5").containsEntry("5m", "-");
    }

    @Test
    void featuresListAllTwelveByName() {
        List<Map<String, String>> features = RenderedTable.rows(show, "#");

        assertThat(show).contains("FEATURES at 2026-03-02T15:04:00Z\n");
        assertThat(features).hasSize(12);
        assertThat(features.get(0)).containsEntry("#", "1").containsEntry("NAME", "returns").containsEntry("VALUE", "0.000548");
        assertThat(features.get(9)).containsEntry("NAME", "hour").containsEntry("VALUE", "10");
        assertThat(features.get(11)).containsEntry("NAME", "close").containsEntry("VALUE", "912");
    }

    @Test
    void featuresBeforeFiftyBarsSayTheyAreNotAvailable() {
        ObjectNode young = (ObjectNode) parse(SYMBOL_NVDA);
        young.putNull("features");
        young.putNull("featuresAt");

        String output = SymbolsPalette.renderSymbol(young);

        assertThat(output).endsWith("FEATURES not available yet (they need 50 closed 1m bars)\n");
    }
}
