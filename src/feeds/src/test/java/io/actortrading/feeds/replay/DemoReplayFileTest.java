package io.actortrading.feeds.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.actortrading.market.Bar;
import io.actortrading.market.MarketEvent;
import io.actortrading.market.instrument.Instrument;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoReplayFileTest {

    private static final String DEMO = "/replay/demo-nvda-msft-2026-03-02.csv";

    private static List<Bar> demoBars(ReplayReader reader) {
        List<Bar> bars = new ArrayList<>();
        while (reader.next((MarketEvent e) -> bars.add((Bar) e))) {
            assertThat(reader.problems()).isEmpty();
        }
        return bars;
    }

    @Test
    void holdsACleanRegularSessionOfMinuteBarsForNvdaAndMsft() throws Exception {
        try (InputStream in = DemoReplayFileTest.class.getResourceAsStream(DEMO);
             ReplayReader reader = ReplayReader.of(Path.of(DEMO), ReplayFormat.CSV_BARS, "replay", in)) {
            List<Bar> bars = demoBars(reader);

            assertThat(reader.summary().clean()).isTrue();
            Map<String, List<Bar>> bySymbol = bars.stream().collect(Collectors.groupingBy(Bar::symbol));
            assertThat(bySymbol.keySet()).containsExactlyInAnyOrder("NVDA", "MSFT");
            for (List<Bar> series : bySymbol.values()) {
                assertThat(series).hasSize(390);
                for (int i = 0; i < series.size(); i++) {
                    Bar bar = series.get(i);
                    ZonedDateTime start = Instant.ofEpochMilli(bar.start()).atZone(Instrument.NEW_YORK);
                    assertThat(start.toLocalDate()).hasToString("2026-03-02");
                    assertThat(start.toLocalTime()).isEqualTo(LocalTime.of(9, 30).plusMinutes(i));
                    assertThat(bar.high()).isGreaterThanOrEqualTo(Math.max(bar.open(), bar.close()));
                    assertThat(bar.low()).isLessThanOrEqualTo(Math.min(bar.open(), bar.close())).isPositive();
                    assertThat(bar.volume()).isPositive();
                }
            }
        }
    }
}
