package io.actortrading.feeds.replay;

import io.actortrading.feeds.ProviderReply;
import io.actortrading.feeds.alphavantage.AlphaVantageCodec;
import io.actortrading.feeds.polygon.PolygonRestCodec;
import io.actortrading.feeds.twelvedata.TwelveDataCodec;
import io.actortrading.feeds.yahoo.YahooChartCodec;
import io.actortrading.market.symbols.SymbolMapping;

import java.util.Optional;
import java.util.function.Function;

/**
 * The recorded-data formats {@code actortrading replay --format} reads (DESIGN.md section 7). A format
 * is its command-line name and the decoder that turns a file into market events; another provider's
 * format is one more constant.
 */
public enum ReplayFormat {

    /** Header {@code ts,symbol,open,high,low,close,volume}; each row a 1-minute bar starting at {@code ts}. */
    CSV_BARS("csv-bars", CsvBarDecoder::new),
    /** Header {@code ts,symbol,price,size}; each row one trade. */
    CSV_TICKS("csv-ticks", CsvTickDecoder::new),
    /** One Polygon WebSocket text frame (a JSON array of events) per line, as a recorder wrote them. */
    POLYGON_WS("polygon-ws", PolygonWsLineDecoder::new),
    /** One Polygon REST aggregates response body (1-minute range) per file. */
    POLYGON_REST("polygon-rest", responseBody(body -> new PolygonRestCodec(SymbolMapping.standard())
            .decode(ResponseBodyDecoder.HTTP_OK, body, null, ResponseBodyDecoder.RECORDED))),
    /** One Yahoo Finance chart v8 response body ({@code interval=1m}) per file. */
    YAHOO_CHART("yahoo-chart", responseBody(body -> new YahooChartCodec(SymbolMapping.standard())
            .decode(ResponseBodyDecoder.HTTP_OK, body, ResponseBodyDecoder.RECORDED))),
    /** One Alpha Vantage TIME_SERIES_INTRADAY ({@code interval=1min}) response body per file. */
    ALPHAVANTAGE("alphavantage", responseBody(body -> new AlphaVantageCodec(SymbolMapping.standard())
            .decodeIntraday(ResponseBodyDecoder.HTTP_OK, body, ResponseBodyDecoder.RECORDED))),
    /** One Twelve Data time_series ({@code interval=1min}) response body per file. */
    TWELVEDATA("twelvedata", responseBody(body -> new TwelveDataCodec(SymbolMapping.standard())
            .decodeTimeSeries(ResponseBodyDecoder.HTTP_OK, body, ResponseBodyDecoder.RECORDED)));

    @FunctionalInterface
    interface DecoderFactory {
        ReplayDecoder open(LineInput input, ReplayTally tally, String source);
    }

    private final String cliName;
    private final DecoderFactory decoders;

    ReplayFormat(String cliName, DecoderFactory decoders) {
        this.cliName = cliName;
        this.decoders = decoders;
    }

    /** The name on the command line: {@code csv-bars}, {@code polygon-rest}, ... */
    public String cliName() {
        return cliName;
    }

    public static Optional<ReplayFormat> fromCliName(String name) {
        for (ReplayFormat format : values()) {
            if (format.cliName.equals(name)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    private static DecoderFactory responseBody(Function<String, ProviderReply> codec) {
        return (input, tally, source) -> new ResponseBodyDecoder(input, tally, codec);
    }

    ReplayDecoder decoder(LineInput input, ReplayTally tally, String source) {
        return decoders.open(input, tally, source);
    }
}
