package io.actortrading.market.symbols;

import io.actortrading.market.instrument.AssetClass;
import io.actortrading.market.instrument.Instrument;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Translates canonical symbols (what users type: {@code NVDA}, {@code BRK.B}, {@code BTC-USD},
 * {@code EUR/USD}) to each provider's and Interactive Brokers' spelling and back (DESIGN.md section 5).
 * The asset class comes from {@link Instrument#infer}; explicit overrides win over the rules.
 *
 * <table>
 *   <caption>Spellings by asset class</caption>
 *   <tr><th></th><th>US equity</th><th>crypto</th><th>forex</th></tr>
 *   <tr><td>canonical</td><td>BRK.B</td><td>BTC-USD</td><td>EUR/USD</td></tr>
 *   <tr><td>Polygon REST</td><td>BRK.B</td><td>X:BTCUSD</td><td>C:EURUSD</td></tr>
 *   <tr><td>Polygon WebSocket</td><td>BRK.B</td><td>BTC-USD</td><td>EUR-USD (events say EUR/USD)</td></tr>
 *   <tr><td>Yahoo</td><td>BRK-B</td><td>BTC-USD</td><td>EURUSD=X</td></tr>
 *   <tr><td>Alpha Vantage</td><td>BRK-B</td><td>BTC, market USD</td><td>EUR, market USD</td></tr>
 *   <tr><td>Twelve Data</td><td>BRK.B</td><td>BTC/USD</td><td>EUR/USD</td></tr>
 *   <tr><td>IB</td><td>BRK B, STK, SMART, USD</td><td>BTC, CRYPTO, PAXOS, USD</td><td>EUR, CASH, IDEALPRO, USD</td></tr>
 * </table>
 *
 * <p>Alpha Vantage writes class shares with a dash because its dot marks an exchange suffix
 * ({@code TSCO.LON}); its crypto and forex calls name the quote currency in a separate parameter (see
 * {@link #alphaVantageMarket} and {@link #fromAlphaVantage}). Immutable and thread-safe.
 */
public final class SymbolMapping {

    private static final int MAX_LENGTH = 20;

    /**
     * Currencies that make {@code AAA/BBB} (Twelve Data) or {@code AAA-BBB} (Polygon's forex socket) a
     * forex pair rather than a crypto pair. Curated rather than ISO 4217, whose retired codes collide with
     * crypto tickers (MTL).
     */
    private static final Set<String> FIAT = Set.of("USD", "EUR", "JPY", "GBP", "CHF", "CAD", "AUD", "NZD", "SEK",
            "NOK", "DKK", "HKD", "SGD", "CNH", "CNY", "MXN", "ZAR", "TRY", "PLN", "CZK", "HUF", "ILS", "INR", "KRW",
            "BRL", "THB", "TWD", "IDR", "MYR", "PHP", "SAR", "AED", "RUB", "XAU", "XAG");

    private final Map<String, Map<DataSource, String>> overrides;
    private final Map<DataSource, Map<String, String>> reverseOverrides;

    /**
     * @param overrides canonical symbol to the spellings that replace the rules for some sources, for
     *                  renamed or oddly listed symbols; keys are canonicalized
     * @throws IllegalArgumentException for a key that is not a symbol, a blank spelling, or two
     *                                  symbols spelled alike by one source
     */
    public SymbolMapping(Map<String, Map<DataSource, String>> overrides) {
        Map<String, Map<DataSource, String>> forward = new HashMap<>();
        Map<DataSource, Map<String, String>> reverse = new EnumMap<>(DataSource.class);
        overrides.forEach((symbol, spellings) -> {
            String canonical = canonicalize(symbol).orElseThrow(
                    () -> new IllegalArgumentException("override for an invalid symbol: '" + symbol + "'"));
            Map<DataSource, String> bySource = new EnumMap<>(DataSource.class);
            spellings.forEach((source, spelling) -> {
                if (spelling == null || spelling.isBlank()) {
                    throw new IllegalArgumentException("blank " + source + " spelling for " + canonical);
                }
                String trimmed = spelling.trim();
                String previous = reverse.computeIfAbsent(source, s -> new HashMap<>()).put(trimmed, canonical);
                if (previous != null && !previous.equals(canonical)) {
                    throw new IllegalArgumentException(source + " spelling '" + trimmed + "' is given to both "
                            + previous + " and " + canonical);
                }
                bySource.put(source, trimmed);
            });
            forward.merge(canonical, bySource, (a, b) -> {
                a.putAll(b);
                return a;
            });
        });
        forward.replaceAll((symbol, bySource) -> Map.copyOf(bySource));
        reverse.replaceAll((source, bySpelling) -> Map.copyOf(bySpelling));
        this.overrides = Map.copyOf(forward);
        this.reverseOverrides = Map.copyOf(reverse);
    }

    /** The rules alone, without overrides. */
    public static SymbolMapping standard() {
        return new SymbolMapping(Map.of());
    }

    /**
     * What a user typed, as a canonical symbol: trimmed and upper-cased; 1 to 20 letters, digits and the
     * separators {@code .}, {@code -}, {@code /}, starting and ending with a letter or digit, no two
     * separators in a row; a {@code /} only in a forex pair {@code AAA/BBB}. Provider spellings such as
     * {@code X:BTCUSD} or {@code EURUSD=X} are refused: users type canonical symbols.
     */
    public static Optional<String> canonicalize(String userInput) {
        if (userInput == null) {
            return Optional.empty();
        }
        String symbol = userInput.trim().toUpperCase(Locale.ROOT);
        if (symbol.isEmpty() || symbol.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int slash = symbol.indexOf('/');
        if (slash >= 0 && (slash != 3 || symbol.length() != 7 || !isLetters(symbol, 0, 3) || !isLetters(symbol, 4, 7))) {
            return Optional.empty();
        }
        boolean previousWasSeparator = true;
        for (int i = 0; i < symbol.length(); i++) {
            char c = symbol.charAt(i);
            boolean alphanumeric = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            boolean separator = c == '.' || c == '-' || c == '/';
            if (!alphanumeric && !separator) {
                return Optional.empty();
            }
            if (separator && previousWasSeparator) {
                return Optional.empty();
            }
            previousWasSeparator = separator;
        }
        return previousWasSeparator ? Optional.empty() : Optional.of(symbol);
    }

    private static boolean isLetters(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    /**
     * The provider's spelling of a canonical symbol, for subscriptions and requests.
     *
     * @throws IllegalArgumentException if {@code canonical} is not a valid symbol
     */
    public String toProvider(String canonical, DataSource source) {
        Objects.requireNonNull(source, "source");
        String symbol = requireCanonical(canonical);
        String override = overrides.getOrDefault(symbol, Map.of()).get(source);
        if (override != null) {
            return override;
        }
        return switch (Instrument.infer(symbol).assetClass()) {
            case CRYPTO -> cryptoSpelling(symbol, source);
            case FOREX -> forexSpelling(symbol, source);
            case US_EQUITY -> source == DataSource.YAHOO || source == DataSource.ALPHAVANTAGE
                    ? symbol.replace('.', '-')
                    : symbol;
        };
    }

    private static String cryptoSpelling(String symbol, DataSource source) {
        int dash = symbol.lastIndexOf('-');
        String base = symbol.substring(0, dash);
        String quote = symbol.substring(dash + 1);
        return switch (source) {
            case POLYGON_REST -> "X:" + base + quote;
            case POLYGON_WS, YAHOO -> symbol;
            case ALPHAVANTAGE -> base;
            case TWELVEDATA -> base + "/" + quote;
        };
    }

    private static String forexSpelling(String symbol, DataSource source) {
        String base = symbol.substring(0, 3);
        String quote = symbol.substring(4);
        return switch (source) {
            case POLYGON_REST -> "C:" + base + quote;
            case POLYGON_WS -> base + "-" + quote;
            case YAHOO -> base + quote + "=X";
            case ALPHAVANTAGE -> base;
            case TWELVEDATA -> symbol;
        };
    }

    /**
     * The canonical symbol a provider's spelling denotes, as it appears in the provider's responses and
     * events; empty when it denotes nothing this system trades (indices, options, futures, foreign
     * listings, garbage) or when an override gives that symbol another spelling for this source.
     * Alpha Vantage's crypto and forex spellings need their market: use {@link #fromAlphaVantage}.
     */
    public Optional<String> fromProvider(DataSource source, String providerSymbol) {
        if (source == null || providerSymbol == null || providerSymbol.isBlank()) {
            return Optional.empty();
        }
        String spelling = providerSymbol.trim();
        String overridden = reverseOverrides.getOrDefault(source, Map.of()).get(spelling);
        if (overridden != null) {
            return Optional.of(overridden);
        }
        String upper = spelling.toUpperCase(Locale.ROOT);
        return switch (source) {
            case POLYGON_REST -> fromPolygonRest(source, upper);
            case POLYGON_WS -> fromPair(source, upper, '-');
            case YAHOO -> fromYahoo(source, upper);
            case ALPHAVANTAGE -> fromDashedEquity(source, upper);
            case TWELVEDATA -> fromPair(source, upper, '/');
        };
    }

    /**
     * The canonical symbol of an Alpha Vantage symbol: with a market (the {@code market} or
     * {@code to_symbol} parameter) a forex pair when the symbol is a fiat currency, else a crypto pair;
     * without one a US equity.
     */
    public Optional<String> fromAlphaVantage(String symbol, String market) {
        if (market == null || market.isBlank()) {
            return fromProvider(DataSource.ALPHAVANTAGE, symbol);
        }
        if (symbol == null || symbol.isBlank()) {
            return Optional.empty();
        }
        String base = symbol.trim().toUpperCase(Locale.ROOT);
        String quote = market.trim().toUpperCase(Locale.ROOT);
        return FIAT.contains(base)
                ? candidate(DataSource.ALPHAVANTAGE, base + "/" + quote, AssetClass.FOREX)
                : candidate(DataSource.ALPHAVANTAGE, base + "-" + quote, AssetClass.CRYPTO);
    }

    /** Alpha Vantage's separate market parameter for a crypto or forex symbol: its quote currency. */
    public Optional<String> alphaVantageMarket(String canonical) {
        String symbol = requireCanonical(canonical);
        return switch (Instrument.infer(symbol).assetClass()) {
            case CRYPTO -> Optional.of(symbol.substring(symbol.lastIndexOf('-') + 1));
            case FOREX -> Optional.of(symbol.substring(4));
            case US_EQUITY -> Optional.empty();
        };
    }

    /**
     * The Interactive Brokers contract for a canonical symbol. IB's Paxos venue quotes crypto in USD
     * only; other quote currencies are mapped all the same and IB will refuse them.
     *
     * @throws IllegalArgumentException if {@code canonical} is not a valid symbol
     */
    public IbContract toIb(String canonical) {
        String symbol = requireCanonical(canonical);
        return switch (Instrument.infer(symbol).assetClass()) {
            case CRYPTO -> {
                int dash = symbol.lastIndexOf('-');
                yield new IbContract(symbol.substring(0, dash), "CRYPTO", "PAXOS", symbol.substring(dash + 1), null);
            }
            case FOREX -> new IbContract(symbol.substring(0, 3), "CASH", "IDEALPRO", symbol.substring(4), null);
            case US_EQUITY -> new IbContract(symbol.replace('.', ' '), "STK", "SMART", "USD", null);
        };
    }

    private Optional<String> fromPolygonRest(DataSource source, String ticker) {
        if (ticker.startsWith("X:")) {
            // X:BTCUSD does not mark where the base ends: the first split that reads as a crypto pair wins
            String pair = ticker.substring(2);
            for (int baseLength = 1; baseLength < pair.length(); baseLength++) {
                String symbol = pair.substring(0, baseLength) + "-" + pair.substring(baseLength);
                Optional<String> crypto = candidate(source, symbol, AssetClass.CRYPTO);
                if (crypto.isPresent()) {
                    return crypto;
                }
            }
            return Optional.empty();
        }
        if (ticker.startsWith("C:")) {
            String pair = ticker.substring(2);
            return pair.length() == 6
                    ? candidate(source, pair.substring(0, 3) + "/" + pair.substring(3), AssetClass.FOREX)
                    : Optional.empty();
        }
        return candidate(source, ticker, AssetClass.US_EQUITY);
    }

    /**
     * Polygon's socket and Twelve Data write crypto and forex pairs with the same separator; two fiat
     * currencies make it forex. Polygon's forex events write EUR/USD although it subscribes EUR-USD.
     */
    private Optional<String> fromPair(DataSource source, String symbol, char separator) {
        int slash = symbol.indexOf('/');
        int split = slash >= 0 ? slash : symbol.lastIndexOf(separator);
        if (split <= 0) {
            return candidate(source, symbol, AssetClass.US_EQUITY);
        }
        String base = symbol.substring(0, split);
        String quote = symbol.substring(split + 1);
        if (FIAT.contains(base) && FIAT.contains(quote)) {
            return candidate(source, base + "/" + quote, AssetClass.FOREX);
        }
        Optional<String> crypto = candidate(source, base + "-" + quote, AssetClass.CRYPTO);
        if (crypto.isPresent() || slash >= 0) {
            return crypto;
        }
        return candidate(source, symbol, AssetClass.US_EQUITY);
    }

    /** Yahoo marks foreign listings with a dot suffix (VOD.L) and class shares with a dash (BRK-B). */
    private Optional<String> fromYahoo(DataSource source, String symbol) {
        if (symbol.endsWith("=X")) {
            String pair = symbol.substring(0, symbol.length() - 2);
            if (pair.length() == 6) {
                return candidate(source, pair.substring(0, 3) + "/" + pair.substring(3), AssetClass.FOREX);
            }
            // Yahoo's own name for dollar-based pairs: JPY=X is USD/JPY
            return pair.length() == 3 ? candidate(source, "USD/" + pair, AssetClass.FOREX) : Optional.empty();
        }
        Optional<String> crypto = candidate(source, symbol, AssetClass.CRYPTO);
        return crypto.isPresent() ? crypto : fromDashedEquity(source, symbol);
    }

    /** Alpha Vantage and Yahoo: a dot is an exchange suffix (TSCO.LON, VOD.L), a dash a share class. */
    private Optional<String> fromDashedEquity(DataSource source, String symbol) {
        return symbol.indexOf('.') >= 0
                ? Optional.empty()
                : candidate(source, symbol.replace('-', '.'), AssetClass.US_EQUITY);
    }

    /**
     * A parsed spelling, if it is a valid canonical symbol of the asset class the provider's spelling
     * implied, and no override spells that symbol differently for this source.
     */
    private Optional<String> candidate(DataSource source, String symbol, AssetClass expected) {
        Optional<String> canonical = canonicalize(symbol).filter(symbol::equals);
        if (canonical.isEmpty() || Instrument.infer(symbol).assetClass() != expected) {
            return Optional.empty();
        }
        String override = overrides.getOrDefault(symbol, Map.of()).get(source);
        return override == null ? canonical : Optional.empty();
    }

    private static String requireCanonical(String symbol) {
        return canonicalize(symbol).orElseThrow(
                () -> new IllegalArgumentException("not a symbol: '" + symbol + "'"));
    }
}
