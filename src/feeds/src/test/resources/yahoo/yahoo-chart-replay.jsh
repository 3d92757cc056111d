// Writes ../replay/yahoo-chart.json: a Yahoo chart v8 answer (interval=1m) for NVDA with 90 one-minute
// bars from 2026-03-02 09:30 ET (14:30Z, EST). Seeded, so reruns write the same file.
// Run from this directory: jshell yahoo-chart-replay.jsh
import java.nio.file.*;
import java.util.*;

var random = new Random(20260302L);
int bars = 90;
long first = java.time.ZonedDateTime.of(2026, 3, 2, 9, 30, 0, 0, java.time.ZoneId.of("America/New_York")).toEpochSecond();
var t = new StringJoiner(",");
var o = new StringJoiner(",");
var h = new StringJoiner(",");
var l = new StringJoiner(",");
var c = new StringJoiner(",");
var v = new StringJoiner(",");
double price = 182.40;
// Yahoo stores prices as 32-bit floats: the JSON shows their double expansion, e.g. 182.39999389648438
String px(double p) { return Double.toString((double) (float) (Math.round(p * 100) / 100.0)); }
for (int i = 0; i < bars; i++) {
    double open = price;
    double close = Math.max(1, open + random.nextGaussian() * 0.18);
    double high = Math.max(open, close) + Math.abs(random.nextGaussian()) * 0.08;
    double low = Math.min(open, close) - Math.abs(random.nextGaussian()) * 0.08;
    t.add(Long.toString(first + 60L * i));
    o.add(px(open));
    h.add(px(high));
    l.add(px(low));
    c.add(px(close));
    v.add(Long.toString(40_000 + random.nextInt(160_000) + (i < 15 ? 250_000 : 0)));
    price = Math.round(close * 100) / 100.0;
}
long regularStart = first;
long regularEnd = first + 390 * 60;
String period = "{\"timezone\":\"EST\",\"start\":%d,\"end\":%d,\"gmtoffset\":-18000}";
String body = "{\"chart\":{\"result\":[{\"meta\":{\"currency\":\"USD\",\"symbol\":\"NVDA\",\"exchangeName\":\"NMS\"," +
        "\"fullExchangeName\":\"NasdaqGS\",\"instrumentType\":\"EQUITY\",\"regularMarketTime\":" + (first + 60L * (bars - 1)) +
        ",\"gmtoffset\":-18000,\"timezone\":\"EST\",\"exchangeTimezoneName\":\"America/New_York\"," +
        "\"regularMarketPrice\":" + px(price) + ",\"chartPreviousClose\":182.4,\"priceHint\":2," +
        "\"currentTradingPeriod\":{\"pre\":" + String.format(period, regularStart - 19800, regularStart) +
        ",\"regular\":" + String.format(period, regularStart, regularEnd) +
        ",\"post\":" + String.format(period, regularEnd, regularEnd + 14400) + "}," +
        "\"tradingPeriods\":[[" + String.format(period, regularStart, regularEnd) + "]]," +
        "\"dataGranularity\":\"1m\",\"range\":\"\"}," +
        "\"timestamp\":[" + t + "]," +
        "\"indicators\":{\"quote\":[{\"open\":[" + o + "],\"high\":[" + h + "],\"low\":[" + l + "],\"close\":[" + c +
        "],\"volume\":[" + v + "]}]}}],\"error\":null}}\n";
Files.writeString(Path.of("../replay/yahoo-chart.json"), body);
System.out.println("wrote " + bars + " bars from " + first);
/exit
