package io.actortrading.fakes;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/** Writing the providers' JSON: numbers in their shortest exact decimal form, never in exponent notation. */
final class WireJson {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private WireJson() {
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static ArrayNode array() {
        return JSON.createArrayNode();
    }

    /** The shortest decimal that reads back as {@code value}: {@code 100} for 100.0, {@code 0.0001} for 1e-4. */
    static BigDecimal number(double value) {
        BigDecimal decimal = BigDecimal.valueOf(value).stripTrailingZeros();
        return decimal.scale() < 0 ? decimal.setScale(0) : decimal;
    }

    /** {@link #number} as text, for providers that send numbers as strings. */
    static String plain(double value) {
        return number(value).toPlainString();
    }

    /** A fixed number of decimals, as Alpha Vantage ({@code "86.4900"}) and Twelve Data write prices. */
    static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    static String write(JsonNode node) {
        return node.toString();
    }

    /** The text parsed as JSON, or empty when it is not JSON. */
    static Optional<JsonNode> parse(String text) {
        try {
            return Optional.ofNullable(JSON.readTree(text));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }
}
