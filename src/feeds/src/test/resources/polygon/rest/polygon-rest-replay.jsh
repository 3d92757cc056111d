// Writes src/feeds/src/test/resources/replay/polygon-rest.json: one Polygon REST aggregates body with the
// 390 one-minute AAPL bars of the regular session of 2026-03-02 (09:30-16:00 America/New_York, EST).
// Run from the repository root: jshell src/feeds/src/test/resources/polygon/rest/polygon-rest-replay.jsh
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

double cents(double x) { return BigDecimal.valueOf(x).setScale(2, RoundingMode.HALF_UP).doubleValue(); }
double bp4(double x) { return BigDecimal.valueOf(x).setScale(4, RoundingMode.HALF_UP).doubleValue(); }

Random random = new Random(20260302L);
long sessionOpen = 1772461800000L; // 2026-03-02T14:30:00Z = 09:30 EST
int bars = 390;
StringBuilder out = new StringBuilder("{\"adjusted\":true,\"queryCount\":" + bars
        + ",\"request_id\":\"5f1c2d3e4a5b6c7d8e9f00112233aabb\",\"results\":[\n");
double close = 241.37;
for (int i = 0; i < bars; i++) {
    double open = close;
    close = cents(open + random.nextGaussian() * 0.09);
    double high = cents(Math.max(open, close) + Math.abs(random.nextGaussian()) * 0.05);
    double low = cents(Math.min(open, close) - Math.abs(random.nextGaussian()) * 0.05);
    // U-shaped intraday volume: busy open and close, quiet midday
    double shape = 1 + 2.5 * Math.exp(-i / 25.0) + 1.5 * Math.exp(-(bars - 1 - i) / 25.0);
    long volume = Math.round(28_000 * shape * (0.7 + 0.6 * random.nextDouble()));
    long trades = Math.max(1, volume / (70 + random.nextInt(60)));
    double vwap = bp4(low + (high - low) * (0.3 + 0.4 * random.nextDouble()));
    out.append(String.format(java.util.Locale.ROOT,
            "{\"c\":%s,\"h\":%s,\"l\":%s,\"n\":%d,\"o\":%s,\"t\":%d,\"v\":%d,\"vw\":%s}%s%n",
            close, high, low, trades, open, sessionOpen + 60_000L * i, volume, vwap, i + 1 < bars ? "," : ""));
}
out.append("],\"resultsCount\":" + bars + ",\"status\":\"OK\",\"ticker\":\"AAPL\"}\n");
Files.writeString(Path.of("src/feeds/src/test/resources/replay/polygon-rest.json"), out.toString());
/exit
