package io.actortrading.fakes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.actortrading.market.symbols.DataSource;
import io.actortrading.market.symbols.SymbolMapping;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.Query;
import org.apache.pekko.http.javadsl.model.Uri;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Polygon's REST aggregates, {@code /v2/aggs/ticker/{ticker}/range/1/minute/{from}/{to}}: the tape's
 * completed minutes whose start lies in {@code [from, to]} ({@code from}/{@code to} in epoch
 * milliseconds or UTC dates, a date {@code to} meaning the whole day), {@code sort=asc} (default) or
 * {@code desc}, in pages of at most {@code min(limit, polygonPageSize)}. A further page is announced
 * by an absolute {@code next_url} that names the next start in the path and carries the limit and
 * order in an opaque {@code cursor}, without the key, as Polygon does. Only one-minute ranges are served.
 */
final class PolygonAggregates implements RestFake {

    private static final Pattern PATH = Pattern.compile(
            "/v2/aggs/ticker/([^/]+)/range/([^/]+)/([^/]+)/([^/]+)/([^/]+)/?");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final long DAY_MILLIS = 86_400_000L;
    /** Polygon's default and largest {@code limit}. */
    private static final int DEFAULT_LIMIT = 5_000;
    private static final int MAX_LIMIT = 50_000;
    private static final String BEARER = "Bearer ";
    private static final String ASC = "asc";
    private static final String DESC = "desc";

    private final FakeSettings settings;
    private final FakeTape tape;
    private final FakeFaults faults;
    private final SymbolMapping symbols = SymbolMapping.standard();

    PolygonAggregates(FakeSettings settings, FakeTape tape, FakeFaults faults) {
        this.settings = settings;
        this.tape = tape;
        this.faults = faults;
    }

    @Override
    public Reply answer(HttpRequest request, String path, long marketNow) {
        Optional<String> key = key(request);
        if (key.isEmpty()) {
            return error(Reply.UNAUTHORIZED, "ERROR", "error", "API Key was not provided");
        }
        if (!key.get().equals(settings.polygonKey()) || faults.active(FakeFault.REFUSE_AUTH)) {
            return error(Reply.UNAUTHORIZED, "ERROR", "error", "Unknown API Key");
        }
        if (faults.active(FakeFault.THROTTLE)) {
            return error(Reply.TOO_MANY_REQUESTS, "ERROR", "error", "You've exceeded the maximum requests per minute, "
                    + "please wait or upgrade your subscription to continue. https://polygon.io/pricing");
        }
        if (faults.active(FakeFault.NOT_ENTITLED)) {
            return error(Reply.FORBIDDEN, "NOT_AUTHORIZED", "message",
                    "You are not entitled to this data. Please upgrade your plan at https://polygon.io/pricing");
        }
        Matcher matcher = PATH.matcher(path);
        if (!matcher.matches()) {
            return error(Reply.NOT_FOUND, "NOT_FOUND", "message", "Not Found");
        }
        if (!matcher.group(2).equals("1") || !matcher.group(3).equals("minute")) {
            return error(Reply.BAD_REQUEST, "ERROR", "error", "This fake serves range/1/minute only");
        }
        Optional<Long> from = time(matcher.group(4), false);
        Optional<Long> to = time(matcher.group(5), true);
        if (from.isEmpty() || to.isEmpty()) {
            return error(Reply.BAD_REQUEST, "ERROR", "error",
                    "Could not parse the time parameter: use a date (YYYY-MM-DD) or epoch milliseconds");
        }
        Query query = request.getUri().query();
        Page page = query.get("cursor").flatMap(PolygonAggregates::page).orElseGet(() -> new Page(
                query.get("limit").flatMap(PolygonAggregates::limit).orElse(DEFAULT_LIMIT),
                query.get("sort").orElse(ASC)));
        if (page.limit() < 1 || page.limit() > MAX_LIMIT || !(page.sort().equals(ASC) || page.sort().equals(DESC))) {
            return error(Reply.BAD_REQUEST, "ERROR", "error", "limit must be 1.." + MAX_LIMIT + " and sort asc or desc");
        }
        return aggregates(request, matcher, from.get(), to.get(), page, marketNow);
    }

    private Reply aggregates(HttpRequest request, Matcher path, long from, long to, Page page, long marketNow) {
        String ticker = path.group(1);
        ObjectNode body = WireJson.object();
        body.put("ticker", ticker);
        Optional<String> symbol = symbols.fromProvider(DataSource.POLYGON_REST, ticker);
        long first = Math.floorDiv(from + FakeTape.MINUTE_MILLIS - 1, FakeTape.MINUTE_MILLIS) * FakeTape.MINUTE_MILLIS;
        long last = Math.min(FakeTape.minuteStart(to), FakeTape.minuteStart(marketNow) - FakeTape.MINUTE_MILLIS);
        long available = symbol.isEmpty() || last < first ? 0 : (last - first) / FakeTape.MINUTE_MILLIS + 1;
        int count = (int) Math.min(available, Math.min(page.limit(), settings.polygonPageSize()));
        body.put("queryCount", count);
        body.put("resultsCount", count);
        body.put("adjusted", true);
        if (count > 0) {
            ArrayNode results = body.putArray("results");
            boolean ascending = page.sort().equals(ASC);
            for (int i = 0; i < count; i++) {
                long start = ascending ? first + i * FakeTape.MINUTE_MILLIS : last - i * FakeTape.MINUTE_MILLIS;
                results.add(result(tape.minute(symbol.get(), start)));
            }
        }
        body.put("status", settings.polygonDelayed() ? "DELAYED" : "OK");
        body.put("request_id", requestId());
        if (count < available) {
            long next = page.sort().equals(ASC)
                    ? first + count * FakeTape.MINUTE_MILLIS
                    : last - count * FakeTape.MINUTE_MILLIS;
            String range = page.sort().equals(ASC) ? next + "/" + path.group(5) : path.group(4) + "/" + next;
            body.put("next_url", baseUrl(request) + "/v2/aggs/ticker/" + ticker + "/range/1/minute/" + range
                    + "?cursor=" + page.cursor());
        }
        return Reply.json(Reply.OK, body);
    }

    private static ObjectNode result(FakeMinute minute) {
        ObjectNode result = WireJson.object();
        result.put("v", WireJson.number(minute.volume()));
        result.put("vw", WireJson.number(minute.vwap()));
        result.put("o", WireJson.number(minute.open()));
        result.put("c", WireJson.number(minute.close()));
        result.put("h", WireJson.number(minute.high()));
        result.put("l", WireJson.number(minute.low()));
        result.put("t", minute.start());
        result.put("n", minute.trades());
        return result;
    }

    @Override
    public Reply serverError() {
        return error(Reply.INTERNAL_ERROR, "ERROR", "error", "Internal Server Error");
    }

    /** The next page is on the host the client reached, as Polygon names its own. */
    private static String baseUrl(HttpRequest request) {
        Uri uri = request.getUri();
        return uri.scheme() + "://" + uri.host().address() + ":" + uri.port() + FakeEndpoint.POLYGON_REST.pathPrefix();
    }

    private static Optional<String> key(HttpRequest request) {
        Optional<String> fromQuery = request.getUri().query().get("apiKey");
        if (fromQuery.isPresent()) {
            return fromQuery;
        }
        return request.getHeader("Authorization")
                .map(header -> header.value())
                .filter(value -> value.startsWith(BEARER))
                .map(value -> value.substring(BEARER.length()).trim());
    }

    /** Epoch milliseconds, or a UTC date: its first millisecond, or its last when it ends the range. */
    private static Optional<Long> time(String text, boolean end) {
        if (DIGITS.matcher(text).matches()) {
            return RestFake.wholeNumber(text);
        }
        try {
            long dayStart = LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            return Optional.of(end ? dayStart + DAY_MILLIS - 1 : dayStart);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A page size; out-of-range numbers become 0 so the range check refuses them. */
    private static Optional<Integer> limit(String text) {
        return RestFake.wholeNumber(text).map(n -> n < 1 || n > MAX_LIMIT ? 0 : n.intValue());
    }

    private static Reply error(int status, String polygonStatus, String messageField, String message) {
        ObjectNode body = WireJson.object();
        body.put("status", polygonStatus);
        body.put("request_id", requestId());
        body.put(messageField, message);
        return Reply.json(status, body);
    }

    private static String requestId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** The limit and order a page was asked with, which the cursor carries to the next page. */
    private record Page(int limit, String sort) {

        String cursor() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(("limit=" + limit + "&sort=" + sort).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Optional<Page> page(String cursor) {
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Query fields = Query.create(decoded);
        Optional<Integer> limit = fields.get("limit").flatMap(PolygonAggregates::limit);
        Optional<String> sort = fields.get("sort");
        return limit.isPresent() && sort.isPresent() ? Optional.of(new Page(limit.get(), sort.get())) : Optional.empty();
    }
}
