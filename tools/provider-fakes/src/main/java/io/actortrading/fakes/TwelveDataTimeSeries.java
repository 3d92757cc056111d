package io.actortrading.fakes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.actortrading.market.symbols.DataSource;
import io.actortrading.market.symbols.SymbolMapping;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.Query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Twelve Data's {@code /time_series?interval=1min}: completed minutes, newest first, stamped in the
 * exchange's local time ({@code America/New_York} for stocks, UTC for crypto) with prices as strings.
 * {@code start_date} is inclusive, {@code end_date} exclusive (both exchange-local, with or without a
 * time); {@code outputsize} keeps the newest N (default 30 without dates, at most 5000). Errors come
 * with HTTP 200 and {@code "status":"error"}, as Twelve Data sends them. Only one-minute bars are served.
 */
final class TwelveDataTimeSeries implements RestFake {

    static final String PATH = "/time_series";
    private static final String ONE_MINUTE = "1min";
    private static final int DEFAULT_OUTPUT_SIZE = 30;
    private static final int MAX_OUTPUT_SIZE = 5_000;
    private static final int PRICE_DECIMALS = 5;
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final FakeSettings settings;
    private final FakeTape tape;
    private final FakeFaults faults;
    private final SymbolMapping symbols = SymbolMapping.standard();

    TwelveDataTimeSeries(FakeSettings settings, FakeTape tape, FakeFaults faults) {
        this.settings = settings;
        this.tape = tape;
        this.faults = faults;
    }

    @Override
    public Reply answer(HttpRequest request, String path, long marketNow) {
        if (!path.equals(PATH)) {
            return error(Reply.NOT_FOUND, "Endpoint " + path + " not found.");
        }
        Query query = request.getUri().query();
        if (!query.get("apikey").orElse("").equals(settings.twelveDataKey()) || faults.active(FakeFault.REFUSE_AUTH)) {
            return error(Reply.UNAUTHORIZED, "**apikey** parameter is incorrect or not specified.");
        }
        if (faults.active(FakeFault.THROTTLE)) {
            return error(Reply.TOO_MANY_REQUESTS, "You have run out of API credits for the current minute. "
                    + "9 API credits were used, with the current limit being 8.");
        }
        if (faults.active(FakeFault.NOT_ENTITLED)) {
            return error(Reply.FORBIDDEN, "/time_series is not available with your plan. "
                    + "Consider upgrading your API Key now at https://twelvedata.com/pricing");
        }
        if (!query.get("interval").orElse("").equals(ONE_MINUTE)) {
            return error(Reply.BAD_REQUEST, "**interval** parameter is incorrect or not supported by this fake: use 1min.");
        }
        String providerSymbol = query.get("symbol").orElse("");
        Optional<String> symbol = symbols.fromProvider(DataSource.TWELVEDATA, providerSymbol);
        if (symbol.isEmpty()) {
            return error(Reply.BAD_REQUEST, "**symbol** not found: " + providerSymbol
                    + ". Please specify it correctly according to API Documentation.");
        }
        Listing listing = Listing.of(symbol.get());
        Optional<String> startText = query.get("start_date");
        Optional<String> endText = query.get("end_date");
        Optional<Long> start = startText.flatMap(text -> instant(text, listing));
        Optional<Long> end = endText.flatMap(text -> instant(text, listing));
        if (startText.isPresent() != start.isPresent() || endText.isPresent() != end.isPresent()) {
            return error(Reply.BAD_REQUEST, "**start_date** or **end_date** is not a date (yyyy-MM-dd HH:mm:ss).");
        }
        int defaultSize = start.isPresent() || end.isPresent() ? MAX_OUTPUT_SIZE : DEFAULT_OUTPUT_SIZE;
        Optional<Long> outputSize = query.get("outputsize").map(RestFake::wholeNumber).orElse(Optional.of((long) defaultSize));
        if (outputSize.isEmpty() || outputSize.get() < 1 || outputSize.get() > MAX_OUTPUT_SIZE) {
            return error(Reply.BAD_REQUEST, "**outputsize** must be 1.." + MAX_OUTPUT_SIZE + ".");
        }
        long completedEnd = FakeTape.minuteStart(marketNow);
        long newestEnd = Math.min(completedEnd, end.map(e -> -Math.floorDiv(-e, FakeTape.MINUTE_MILLIS) * FakeTape.MINUTE_MILLIS)
                .orElse(completedEnd));
        long oldest = start.map(s -> -Math.floorDiv(-s, FakeTape.MINUTE_MILLIS) * FakeTape.MINUTE_MILLIS).orElse(Long.MIN_VALUE);
        ArrayNode values = WireJson.array();
        for (long minute = newestEnd - FakeTape.MINUTE_MILLIS; minute >= oldest && values.size() < outputSize.get();
             minute -= FakeTape.MINUTE_MILLIS) {
            values.add(value(tape.minute(symbol.get(), minute), listing));
        }
        if (values.isEmpty()) {
            return error(Reply.BAD_REQUEST, "No data is available on the specified dates. Try setting different start/end dates.");
        }
        ObjectNode body = WireJson.object();
        body.set("meta", meta(providerSymbol, listing));
        body.set("values", values);
        body.put("status", "ok");
        return Reply.json(Reply.OK, body);
    }

    @Override
    public Reply serverError() {
        ObjectNode body = WireJson.object();
        body.put("code", Reply.INTERNAL_ERROR);
        body.put("message", "Internal server error. Please try again later.");
        body.put("status", "error");
        return Reply.json(Reply.INTERNAL_ERROR, body);
    }

    private static ObjectNode meta(String providerSymbol, Listing listing) {
        ObjectNode meta = WireJson.object();
        meta.put("symbol", providerSymbol);
        meta.put("interval", ONE_MINUTE);
        meta.put("exchange_timezone", listing.zone().getId());
        describe(meta, listing);
        return meta;
    }

    /** The currencies, exchange and type by which Twelve Data describes an instrument wherever it names one. */
    static void describe(ObjectNode target, Listing listing) {
        if (listing.pair()) {
            target.put("currency_base", listing.base());
            target.put("currency_quote", listing.currency());
        } else {
            target.put("currency", listing.currency());
        }
        target.put("exchange", listing.exchange());
        if (listing.micCode() != null) {
            target.put("mic_code", listing.micCode());
        }
        target.put("type", listing.twelveDataType());
    }

    private static ObjectNode value(FakeMinute minute, Listing listing) {
        ObjectNode value = WireJson.object();
        value.put("datetime", LOCAL_TIME.format(Instant.ofEpochMilli(minute.start()).atZone(listing.zone())));
        value.put("open", WireJson.fixed(minute.open(), PRICE_DECIMALS));
        value.put("high", WireJson.fixed(minute.high(), PRICE_DECIMALS));
        value.put("low", WireJson.fixed(minute.low(), PRICE_DECIMALS));
        value.put("close", WireJson.fixed(minute.close(), PRICE_DECIMALS));
        value.put("volume", WireJson.plain(minute.volume()));
        return value;
    }

    /** An exchange-local {@code yyyy-MM-dd HH:mm:ss} or {@code yyyy-MM-dd} as epoch milliseconds. */
    private static Optional<Long> instant(String text, Listing listing) {
        try {
            LocalDateTime local = text.indexOf(' ') >= 0
                    ? LocalDateTime.parse(text, LOCAL_TIME)
                    : LocalDate.parse(text).atStartOfDay();
            return Optional.of(local.atZone(listing.zone()).toInstant().toEpochMilli());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Reply error(int code, String message) {
        ObjectNode body = WireJson.object();
        body.put("code", code);
        body.put("message", message);
        body.put("status", "error");
        return Reply.json(Reply.OK, body);
    }
}
