package io.actortrading.fakes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.actortrading.market.symbols.DataSource;
import io.actortrading.market.symbols.SymbolMapping;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.Query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Yahoo's chart API, {@code /v8/finance/chart/{symbol}?interval=1m} with {@code period1}/{@code period2}
 * (epoch seconds, {@code [period1, period2)}) or {@code range=Nd} (N exchange-local days up to now, the
 * default being {@code 1d}). The last element is the minute still forming when the range reaches now:
 * the aggregate of its trades so far. Requests without a browser's User-Agent get Yahoo's plain-text
 * 429. Only the one-minute interval is served; other intervals get Yahoo's 400 body.
 */
final class YahooChart implements RestFake {

    private static final Pattern PATH = Pattern.compile("/v8/finance/chart/([^/]+)/?");
    private static final Pattern DAYS = Pattern.compile("(\\d+)d");
    private static final String BROWSER_MARK = "Mozilla";
    private static final String ONE_MINUTE = "1m";
    private static final String DEFAULT_RANGE = "1d";
    /** Yahoo serves one-minute bars for at most this many days a request. */
    private static final int MAX_DAYS = 8;
    private static final long DAY_MILLIS = 86_400_000L;
    private static final long MILLIS_PER_SECOND = 1_000L;
    private static final int PRICE_HINT = 2;
    private static final DateTimeFormatter ZONE_ABBREVIATION = DateTimeFormatter.ofPattern("zzz", Locale.US);

    private final FakeTape tape;
    private final FakeFaults faults;
    private final SymbolMapping symbols = SymbolMapping.standard();

    YahooChart(FakeTape tape, FakeFaults faults) {
        this.tape = tape;
        this.faults = faults;
    }

    @Override
    public Reply answer(HttpRequest request, String path, long marketNow) {
        boolean browser = request.getHeader("User-Agent").map(h -> h.value().contains(BROWSER_MARK)).orElse(false);
        if (!browser || faults.active(FakeFault.THROTTLE)) {
            return Reply.text(Reply.TOO_MANY_REQUESTS, "Too Many Requests");
        }
        if (faults.active(FakeFault.REFUSE_AUTH)) {
            return error(Reply.UNAUTHORIZED, "Unauthorized", "Invalid Crumb");
        }
        Matcher matcher = PATH.matcher(path);
        if (!matcher.matches()) {
            return finance(Reply.NOT_FOUND, "Not Found", "HTTP 404 Not Found");
        }
        Query query = request.getUri().query();
        String interval = query.get("interval").orElse(ONE_MINUTE);
        if (!interval.equals(ONE_MINUTE)) {
            return error(Reply.BAD_REQUEST, "Bad Request",
                    "Invalid input - interval=" + interval + " is not supported by this fake. Valid intervals: [1m]");
        }
        Optional<String> symbol = symbols.fromProvider(DataSource.YAHOO, matcher.group(1));
        if (symbol.isEmpty()) {
            return error(Reply.NOT_FOUND, "Not Found", "No data found, symbol may be delisted");
        }
        Listing listing = Listing.of(symbol.get());
        Optional<String> range = query.get("range");
        Optional<Long> period1 = query.get("period1").flatMap(RestFake::wholeNumber);
        long from;
        long to;
        if (range.isEmpty() && period1.isPresent()) {
            from = period1.get() * MILLIS_PER_SECOND;
            to = query.get("period2").flatMap(RestFake::wholeNumber).map(s -> s * MILLIS_PER_SECOND).orElse(marketNow);
        } else {
            Matcher days = DAYS.matcher(range.orElse(DEFAULT_RANGE));
            if (!days.matches()) {
                return error(Reply.UNPROCESSABLE, "Unprocessable Entity",
                        "1m data not available for range " + range.orElse("") + "; use 1d to " + MAX_DAYS + "d");
            }
            from = dayStart(listing, marketNow) - (Integer.parseInt(days.group(1)) - 1) * DAY_MILLIS;
            to = marketNow;
        }
        if (to - from > MAX_DAYS * DAY_MILLIS) {
            return error(Reply.UNPROCESSABLE, "Unprocessable Entity",
                    "Only " + MAX_DAYS + " days worth of 1m granularity data are allowed to be fetched per request.");
        }
        return chart(matcher.group(1), listing, from, to, range.orElse(""), marketNow);
    }

    private Reply chart(String providerSymbol, Listing listing, long from, long to, String range, long marketNow) {
        String symbol = listing.symbol();
        List<FakeMinute> bars = new ArrayList<>();
        long firstMinute = Math.floorDiv(from + FakeTape.MINUTE_MILLIS - 1, FakeTape.MINUTE_MILLIS) * FakeTape.MINUTE_MILLIS;
        long forming = FakeTape.minuteStart(marketNow);
        for (long start = firstMinute; start < to && start < forming; start += FakeTape.MINUTE_MILLIS) {
            bars.add(tape.minute(symbol, start));
        }
        if (forming >= firstMinute && forming < to) {
            tape.aggregate(symbol, forming, marketNow).ifPresent(bars::add);
        }
        FakeTrade last = tape.lastTrade(symbol, marketNow);
        ZonedDateTime now = Instant.ofEpochMilli(marketNow).atZone(listing.zone());

        ObjectNode result = WireJson.object();
        ObjectNode meta = result.putObject("meta");
        meta.put("currency", listing.currency());
        meta.put("symbol", providerSymbol);
        meta.put("exchangeName", listing.yahooExchange());
        meta.put("instrumentType", listing.yahooType());
        meta.put("regularMarketTime", last.time() / MILLIS_PER_SECOND);
        meta.put("gmtoffset", now.getOffset().getTotalSeconds());
        meta.put("timezone", ZONE_ABBREVIATION.format(now));
        meta.put("exchangeTimezoneName", listing.zone().getId());
        meta.put("regularMarketPrice", WireJson.number(last.price()));
        meta.put("chartPreviousClose", WireJson.number(tape.lastTrade(symbol, from).price()));
        meta.put("previousClose", WireJson.number(tape.lastTrade(symbol, dayStart(listing, marketNow)).price()));
        meta.put("priceHint", PRICE_HINT);
        meta.put("dataGranularity", ONE_MINUTE);
        meta.put("range", range);
        ObjectNode quote = WireJson.object();
        if (!bars.isEmpty()) {
            ArrayNode timestamps = result.putArray("timestamp");
            ArrayNode open = quote.putArray("open");
            ArrayNode high = quote.putArray("high");
            ArrayNode low = quote.putArray("low");
            ArrayNode close = quote.putArray("close");
            ArrayNode volume = quote.putArray("volume");
            for (FakeMinute bar : bars) {
                timestamps.add(bar.start() / MILLIS_PER_SECOND);
                open.add(WireJson.number(bar.open()));
                high.add(WireJson.number(bar.high()));
                low.add(WireJson.number(bar.low()));
                close.add(WireJson.number(bar.close()));
                volume.add(WireJson.number(bar.volume()));
            }
        }
        result.putObject("indicators").putArray("quote").add(quote);
        ObjectNode body = WireJson.object();
        ObjectNode chart = body.putObject("chart");
        chart.putArray("result").add(result);
        chart.putNull("error");
        return Reply.json(Reply.OK, body);
    }

    @Override
    public Reply serverError() {
        return finance(Reply.INTERNAL_ERROR, "Internal Server Error", "HTTP 500 Internal Server Error");
    }

    private static long dayStart(Listing listing, long millis) {
        LocalDate day = Instant.ofEpochMilli(millis).atZone(listing.zone()).toLocalDate();
        return day.atStartOfDay(listing.zone()).toInstant().toEpochMilli();
    }

    /** A chart error: {@code {"chart":{"result":null,"error":{...}}}}. */
    private static Reply error(int status, String code, String description) {
        return wrapped("chart", status, code, description);
    }

    /** What Yahoo answers outside the chart API: the same error under {@code finance}. */
    private static Reply finance(int status, String code, String description) {
        return wrapped("finance", status, code, description);
    }

    private static Reply wrapped(String wrapper, int status, String code, String description) {
        ObjectNode body = WireJson.object();
        ObjectNode inner = body.putObject(wrapper);
        inner.putNull("result");
        ObjectNode error = inner.putObject("error");
        error.put("code", code);
        error.put("description", description);
        return Reply.json(status, body);
    }
}
