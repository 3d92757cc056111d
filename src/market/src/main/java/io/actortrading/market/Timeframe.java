package io.actortrading.market;

import java.time.Duration;
import java.util.Optional;

/** The bar lengths the node builds. Intraday buckets are aligned to the clock in the exchange time zone. */
public enum Timeframe {
    M1("1m", Duration.ofMinutes(1)),
    M5("5m", Duration.ofMinutes(5)),
    M15("15m", Duration.ofMinutes(15)),
    H1("1h", Duration.ofHours(1)),
    /** One trading day: the regular session for instruments that have one, else the calendar day. */
    D1("1d", Duration.ofDays(1));

    private final String label;
    private final Duration nominal;

    Timeframe(String label, Duration nominal) {
        this.label = label;
        this.nominal = nominal;
    }

    /** The name used in configuration, JSON and the CLI: {@code 1m}, {@code 5m}, {@code 15m}, {@code 1h}, {@code 1d}. */
    public String label() {
        return label;
    }

    /** Nominal length; a day can be 23 or 25 hours long on DST switch days. */
    public Duration nominal() {
        return nominal;
    }

    public static Optional<Timeframe> fromLabel(String label) {
        for (Timeframe tf : values()) {
            if (tf.label.equals(label)) {
                return Optional.of(tf);
            }
        }
        return Optional.empty();
    }
}
