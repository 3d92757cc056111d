package io.actortrading.fakes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.actortrading.market.symbols.DataSource;
import io.actortrading.market.symbols.SymbolMapping;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.Query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Alpha Vantage's {@code /query}: {@code TIME_SERIES_INTRADAY} with {@code interval=1min} (the last 100
 * completed minutes for {@code outputsize=compact}, {@link FakeSettings#alphaVantageFull()} for
 * {@code full}, keyed by US/Eastern local time, newest first, values as strings) and
 * {@code GLOBAL_QUOTE} (the exchange-local day so far). Every failure is an HTTP 200 body, as Alpha
 * Vantage sends them.
 */
final class AlphaVantageQuery implements RestFake {

    static final String PATH = "/query";
    private static final int COMPACT = 100;
    private static final int PRICE_DECIMALS = 4;
    private static final double PERCENT = 100.0;
    private static final String ONE_MINUTE = "1min";
    private static final ZoneId EASTERN = ZoneId.of("US/Eastern");
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String DOCUMENTATION = "https://www.alphavantage.co/documentation/";

    private final FakeSettings settings;
    private final FakeTape tape;
    private final FakeFaults faults;
    private final SymbolMapping symbols = SymbolMapping.standard();

    AlphaVantageQuery(FakeSettings settings, FakeTape tape, FakeFaults faults) {
        this.settings = settings;
        this.tape = tape;
        this.faults = faults;
    }

    @Override
    public Reply answer(HttpRequest request, String path, long marketNow) {
        if (!path.equals(PATH)) {
            return Reply.text(Reply.NOT_FOUND, "Not Found");
        }
        Query query = request.getUri().query();
        if (!query.get("apikey").orElse("").equals(settings.alphaVantageKey()) || faults.active(FakeFault.REFUSE_AUTH)) {
            return message("Error Message", "the parameter apikey is invalid or missing. Please claim your free API key "
                    + "on (https://www.alphavantage.co/support/#api-key). It should take less than 20 seconds.");
        }
        if (faults.active(FakeFault.THROTTLE)) {
            return message("Note", "Thank you for using Alpha Vantage! Our standard API call frequency is 5 calls per "
                    + "minute and 500 calls per day. Please visit https://www.alphavantage.co/premium/ if you would "
                    + "like to target a higher API call frequency.");
        }
        if (faults.active(FakeFault.NOT_ENTITLED)) {
            return message("Information", "Thank you for using Alpha Vantage! This is a premium endpoint. You may "
                    + "subscribe to any of the premium plans at https://www.alphavantage.co/premium/ to instantly "
                    + "unlock all premium endpoints");
        }
        String function = query.get("function").orElse("");
        Optional<String> symbol = query.get("symbol").flatMap(s -> symbols.fromProvider(DataSource.ALPHAVANTAGE, s));
        return switch (function) {
            case "TIME_SERIES_INTRADAY" -> symbol.isPresent() && query.get("interval").orElse("").equals(ONE_MINUTE)
                    ? intraday(query.get("symbol").get(), symbol.get(), query.get("outputsize").orElse("compact"), marketNow)
                    : invalidCall(function);
            case "GLOBAL_QUOTE" -> globalQuote(query.get("symbol").orElse(""), symbol, marketNow);
            default -> message("Error Message", "This API function (" + function + ") does not exist.");
        };
    }

    private Reply intraday(String providerSymbol, String symbol, String outputSize, long marketNow) {
        boolean full = outputSize.equals("full");
        int minutes = full ? settings.alphaVantageFull() : COMPACT;
        long newest = FakeTape.minuteStart(marketNow) - FakeTape.MINUTE_MILLIS;
        ObjectNode body = WireJson.object();
        ObjectNode meta = body.putObject("Meta Data");
        meta.put("1. Information", "Intraday (1min) open, high, low, close prices and volume");
        meta.put("2. Symbol", providerSymbol);
        meta.put("3. Last Refreshed", localTime(newest));
        meta.put("4. Interval", ONE_MINUTE);
        meta.put("5. Output Size", full ? "Full size" : "Compact");
        meta.put("6. Time Zone", EASTERN.getId());
        ObjectNode series = body.putObject("Time Series (" + ONE_MINUTE + ")");
        for (int i = 0; i < minutes; i++) {
            long start = newest - i * FakeTape.MINUTE_MILLIS;
            FakeMinute minute = tape.minute(symbol, start);
            ObjectNode values = series.putObject(localTime(start));
            values.put("1. open", price(minute.open()));
            values.put("2. high", price(minute.high()));
            values.put("3. low", price(minute.low()));
            values.put("4. close", price(minute.close()));
            values.put("5. volume", WireJson.plain(minute.volume()));
        }
        return Reply.json(Reply.OK, body);
    }

    private Reply globalQuote(String providerSymbol, Optional<String> symbol, long marketNow) {
        ObjectNode body = WireJson.object();
        ObjectNode quote = body.putObject("Global Quote");
        if (symbol.isEmpty()) {
            return Reply.json(Reply.OK, body);
        }
        Listing listing = Listing.of(symbol.get());
        LocalDate day = Instant.ofEpochMilli(marketNow).atZone(listing.zone()).toLocalDate();
        long dayStart = day.atStartOfDay(listing.zone()).toInstant().toEpochMilli();
        FakeTrade last = tape.lastTrade(symbol.get(), marketNow);
        double previousClose = tape.lastTrade(symbol.get(), dayStart).price();
        FakeMinute today = tape.aggregate(symbol.get(), dayStart, marketNow).orElseGet(
                () -> new FakeMinute(symbol.get(), dayStart, marketNow, last.price(), last.price(), last.price(),
                        last.price(), 0, last.price(), 0));
        double change = last.price() - previousClose;
        quote.put("01. symbol", providerSymbol);
        quote.put("02. open", price(today.open()));
        quote.put("03. high", price(today.high()));
        quote.put("04. low", price(today.low()));
        quote.put("05. price", price(last.price()));
        quote.put("06. volume", WireJson.plain(today.volume()));
        quote.put("07. latest trading day", day.toString());
        quote.put("08. previous close", price(previousClose));
        quote.put("09. change", price(change));
        quote.put("10. change percent", WireJson.fixed(change / previousClose * PERCENT, PRICE_DECIMALS) + "%");
        return Reply.json(Reply.OK, body);
    }

    @Override
    public Reply serverError() {
        return Reply.text(Reply.INTERNAL_ERROR, "Internal Server Error");
    }

    private static Reply invalidCall(String function) {
        return message("Error Message", "Invalid API call. Please retry or visit the documentation ("
                + DOCUMENTATION + ") for " + function + ".");
    }

    private static Reply message(String field, String text) {
        ObjectNode body = WireJson.object();
        body.put(field, text);
        return Reply.json(Reply.OK, body);
    }

    private static String price(double value) {
        return WireJson.fixed(value, PRICE_DECIMALS);
    }

    private static String localTime(long millis) {
        return LOCAL_TIME.format(Instant.ofEpochMilli(millis).atZone(EASTERN));
    }
}
