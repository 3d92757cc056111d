package io.actortrading.feeds;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * One edit of a valid line, the kind of damage real files and fuzzers produce: a character lost,
 * added or changed, a line cut short, a piece repeated, or a hostile token (NaN, Infinity, huge
 * numbers, JSON punctuation) spliced in.
 */
public record TextMutation(Kind kind, double where, String token) {

    public enum Kind { DELETE, INSERT, REPLACE, TRUNCATE, DUPLICATE }

    private static final List<String> TOKENS = List.of("NaN", "Infinity", "-Infinity", "+Infinity", "1e999", "-1e400",
            "-0", "0x1p3", "1d", "null", "true", "\"\"", ",", ",,", "[", "]", "{", "}", "[]", "{}", ":", "\"",
            "99999999999999999999999", "1.7976931348623157e309", "4.9e-325", "\n", "\r", "\r\n", "\t", " ", "\u0000",
            "\uFFFD", "\uFEFF", "é", "-", ".", "e", "E", "T", "Z", "+25:00", "2026-02-30T09:30:00Z", "9",
            "\"ev\":\"T\"", "\"ev\":\"ZZ\"", "\"sym\":7", "\"t\":1.5", "\"s\":-1", "\"q\":-3", "\"i\":[1]");

    public static Arbitrary<TextMutation> any() {
        return Combinators.combine(
                Arbitraries.of(Kind.class),
                Arbitraries.doubles().between(0.0, 1.0),
                Arbitraries.oneOf(Arbitraries.of(TOKENS),
                        Arbitraries.strings().all().ofMinLength(1).ofMaxLength(3)))
                .as(TextMutation::new);
    }

    public static Arbitrary<List<TextMutation>> several() {
        return any().list().ofMinSize(1).ofMaxSize(4);
    }

    public static String applyAll(String text, List<TextMutation> mutations) {
        String result = text;
        for (TextMutation mutation : mutations) {
            result = mutation.apply(result);
        }
        return result;
    }

    public String apply(String text) {
        int at = (int) Math.min(text.length(), Math.floor(where * (text.length() + 1)));
        switch (kind) {
            case DELETE:
                return at < text.length() ? text.substring(0, at) + text.substring(at + 1) : text;
            case INSERT:
                return text.substring(0, at) + token + text.substring(at);
            case REPLACE:
                return at < text.length() ? text.substring(0, at) + token + text.substring(at + 1) : text + token;
            case TRUNCATE:
                return text.substring(0, at);
            default:
                int end = Math.min(text.length(), at + 1 + token.length() * 7);
                return text.substring(0, end) + text.substring(at, end) + text.substring(end);
        }
    }
}
