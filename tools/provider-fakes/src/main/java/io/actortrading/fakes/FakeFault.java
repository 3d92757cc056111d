package io.actortrading.fakes;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A fault that can be switched on and off per endpoint; see {@link FakeFaults} for what each does. */
public enum FakeFault {
    REFUSE_CONNECTIONS,
    REFUSE_AUTH,
    THROTTLE,
    SERVER_ERROR,
    STALL,
    SILENCE,
    GARBAGE,
    NOT_ENTITLED;

    /** The name in the admin API: lower case with dashes ({@code refuse-auth}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<FakeFault> fromWireName(String name) {
        return Arrays.stream(values()).filter(f -> f.wireName().equals(name)).findFirst();
    }
}
