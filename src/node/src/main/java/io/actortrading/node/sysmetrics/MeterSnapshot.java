package io.actortrading.node.sysmetrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.NamingConvention;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every meter of a registry as rows of {@code sys_metrics}, named as {@code /metrics} shows them:
 * {@code at_ticks_in_total} for a counter, {@code at_projection_lag_seconds} for a gauge, and for a
 * meter with several statistics (a timer) one row each, {@code jvm_gc_pause_seconds_count},
 * {@code _sum} and {@code _max}. A value that is not a number (a quantile of an interval without
 * data, a gauge whose object is gone) is no measurement and gives no row.
 */
final class MeterSnapshot {

    /** @param tags the meter's tags as a JSON object, keys in Prometheus' spelling */
    record Row(String metric, double value, String tags) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String TOTAL = "_total";

    private MeterSnapshot() {
    }

    static List<Row> take(MeterRegistry registry) {
        NamingConvention convention = registry.config().namingConvention();
        List<Row> rows = new ArrayList<>();
        for (Meter meter : registry.getMeters()) {
            Meter.Id id = meter.getId();
            String name = id.getConventionName(convention);
            if (id.getType() == Meter.Type.COUNTER && !name.endsWith(TOTAL)) {
                name += TOTAL;
            }
            List<Measurement> measurements = new ArrayList<>();
            meter.measure().forEach(measurements::add);
            String tags = tags(id.getConventionTags(convention));
            for (Measurement measurement : measurements) {
                double value = measurement.getValue();
                if (Double.isFinite(value)) {
                    String metric = measurements.size() == 1 ? name : name + suffix(measurement.getStatistic());
                    rows.add(new Row(metric, value, tags));
                }
            }
        }
        return rows;
    }

    /** The suffixes Prometheus gives a summary's or timer's series. */
    private static String suffix(Statistic statistic) {
        return switch (statistic) {
            case COUNT -> "_count";
            case TOTAL, TOTAL_TIME -> "_sum";
            case MAX -> "_max";
            case ACTIVE_TASKS -> "_active_count";
            case DURATION -> "_duration_sum";
            case VALUE -> "";
            case UNKNOWN -> "_unknown";
        };
    }

    private static String tags(List<Tag> tags) {
        Map<String, String> object = new TreeMap<>();
        tags.forEach(tag -> object.put(tag.getKey(), tag.getValue()));
        try {
            return JSON.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
