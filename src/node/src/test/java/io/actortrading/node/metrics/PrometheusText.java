package io.actortrading.node.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** A scrape in Prometheus' text format, read back sample by sample. */
record PrometheusText(List<Sample> samples) {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int valueAt = line.lastIndexOf(' ');
            String series = line.substring(0, valueAt);
            Map<String, String> labels = new LinkedHashMap<>();
            int open = series.indexOf('{');
            String name = open < 0 ? series : series.substring(0, open);
            if (open >= 0) {
                for (String label : series.substring(open + 1, series.length() - 1).split(",")) {
                    String[] pair = label.split("=", 2);
                    labels.put(pair[0], pair[1].substring(1, pair[1].length() - 1));
                }
            }
            samples.add(new Sample(name, labels, number(line.substring(valueAt + 1))));
        }
        return new PrometheusText(samples);
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    /** The value of the one sample of that name whose labels include the given ones. */
    OptionalDouble value(String name, Map<String, String> labels) {
        List<Sample> matching = samples.stream()
                .filter(sample -> sample.name().equals(name) && sample.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
        if (matching.size() > 1) {
            throw new IllegalArgumentException(matching.size() + " samples of " + name + " match " + labels);
        }
        return matching.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(matching.get(0).value());
    }

    OptionalDouble value(String name) {
        return value(name, Map.of());
    }

    boolean has(String name) {
        return samples.stream().anyMatch(sample -> sample.name().equals(name));
    }
}
