package io.actortrading.feeds.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampTextTest {

    private static long parse(String text) {
        return TimestampText.parseEpochMillis(text.toCharArray(), 0, text.length());
    }

    private static long millis(String isoInstant) {
        return Instant.parse(isoInstant).toEpochMilli();
    }

    @ParameterizedTest
    @CsvSource({
        "2026-03-02T09:30:00-05:00, 2026-03-02T14:30:00Z",
        "2026-03-02T14:30:00Z, 2026-03-02T14:30:00Z",
        "2026-03-02T14:30:00z, 2026-03-02T14:30:00Z",
        "2026-03-02T09:30-05:00, 2026-03-02T14:30:00Z",
        "2026-03-02 09:30:00-05:00, 2026-03-02T14:30:00Z",
        "2026-03-02T09:30:00.123-05:00, 2026-03-02T14:30:00.123Z",
        "2026-03-02T09:30:00.5-05:00, 2026-03-02T14:30:00.500Z",
        "'2026-03-02T09:30:00,25-05:00', 2026-03-02T14:30:00.250Z",
        "2026-03-02T09:30:00.123456789+00:00, 2026-03-02T09:30:00.123Z",
        "2026-03-02T20:00:00+0530, 2026-03-02T14:30:00Z",
        "2026-03-02T16:30:00+02, 2026-03-02T14:30:00Z",
        "2024-02-29T00:00:00+18:00, 2024-02-28T06:00:00Z",
        "1969-12-31T23:59:59.999Z, 1969-12-31T23:59:59.999Z",
        "1772461800000, 2026-03-02T14:30:00Z",
        "0, 1970-01-01T00:00:00Z",
        "-1000, 1969-12-31T23:59:59Z",
    })
    void parsesOffsetDateTimesAndEpochMillis(String text, String instant) {
        assertThat(parse(text)).isEqualTo(millis(instant));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "2026-03-02T09:30:00", "2026-03-02", "2026-02-29T09:30:00Z", "2026-13-01T00:00Z",
        "2026-04-31T00:00Z", "2026-03-02T24:00:00Z", "2026-03-02T09:60:00Z", "2026-03-02T09:30:60Z",
        "2026-03-02T09:30:00+19:00", "2026-03-02T09:30:00+05:60", "2026-03-02T09:30:00.Z", "2026-03-02T09:30:00.1234567890Z",
        "2026-03-02X09:30:00Z", "2026/03/02T09:30:00Z", "2026-03-02T09:30:00 Z", "2026-03-02T09:30:00-05:00:00",
        "1234567890123456789", "12e3", "1772461800000.0", "yesterday"})
    void rejectsWhatIsNotAnInstant(String text) {
        assertThat(parse(text)).isEqualTo(TimestampText.INVALID);
    }

    @Test
    void readsOnlyItsRegion() {
        char[] line = "x,2026-03-02T14:30:00Z,NVDA".toCharArray();
        assertThat(TimestampText.parseEpochMillis(line, 2, 22)).isEqualTo(millis("2026-03-02T14:30:00Z"));
    }

    @Property
    void agreesWithJavaTimeOnIsoOffsetDateTimes(
            @ForAll @LongRange(min = -62_000_000_000_000L, max = 250_000_000_000_000L) long epochMillis,
            @ForAll @IntRange(min = -18 * 60, max = 18 * 60) int offsetMinutes) {
        OffsetDateTime time = Instant.ofEpochMilli(epochMillis)
                .atOffset(ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
        String text = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
        assertThat(parse(text)).as(text).isEqualTo(epochMillis);
    }

    @Property
    void countsDaysLikeJavaTime(@ForAll @LongRange(min = -719_528, max = 2_932_896) long epochDay) {
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        assertThat(TimestampText.epochDay(date.getYear(), date.getMonthValue(), date.getDayOfMonth())).isEqualTo(epochDay);
    }

    @Property
    void truncatesBelowTheMillisecond(@ForAll @LongRange(min = 0, max = 4_000_000_000_000_000L) long epochMicros) {
        Instant instant = Instant.EPOCH.plus(epochMicros, ChronoUnit.MICROS);
        String text = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
        assertThat(parse(text)).isEqualTo(Math.floorDiv(epochMicros, 1000L));
    }
}
