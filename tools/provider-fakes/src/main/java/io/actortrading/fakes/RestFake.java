package io.actortrading.fakes;

import org.apache.pekko.http.javadsl.model.HttpRequest;

import java.util.Optional;

/**
 * A fake provider's REST API. The faults every REST endpoint shares (refused connections, stall,
 * server error, garbage) are applied around it by {@link ProviderFakes}; the ones a provider words its
 * own way (auth, throttling, entitlement) are applied inside.
 */
sealed interface RestFake permits PolygonAggregates, YahooChart, AlphaVantageQuery, TwelveDataTimeSeries {

    /**
     * @param path      the request path after the endpoint's prefix
     * @param marketNow the market clock's time of the request
     */
    Reply answer(HttpRequest request, String path, long marketNow);

    /** The provider's answer when it fails internally. */
    Reply serverError();

    /** A whole-number query parameter, or empty when it is not one. */
    static Optional<Long> wholeNumber(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
