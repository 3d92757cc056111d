package io.actortrading.feeds.replay;

import java.util.Optional;

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
    POLYGON_WS("polygon-ws", PolygonWsLineDecoder::new);

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

    /** The name on the command line: {@code csv-bars}, {@code csv-ticks}, {@code polygon-ws}. */
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

    ReplayDecoder decoder(LineInput input, ReplayTally tally, String source) {
        return decoders.open(input, tally, source);
    }
}
