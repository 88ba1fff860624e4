package io.positrack.infra.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the Prometheus text exposition format that {@code /q/metrics} serves, for tests and the local run that wait on a
 * counter. One home for it: every reader used to cut the value off at the line's last space, which breaks as soon as a
 * line carries an exemplar ({@code # {trace_id="…"} 1.0 …}) or a timestamp. The value is the first token after the
 * labels; label values may hold spaces, braces and escaped quotes.
 */
public final class PrometheusText {

    /** One sample line: its metric name, its labels in order, and its value. */
    public record Sample(String name, Map<String, String> labels, double value) {

        /** True when every {@code key=value} pair given is among this sample's labels. */
        public boolean has(Map<String, String> wanted) {
            return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        }
    }

    private PrometheusText() {
    }

    /** Every sample line of {@code text}; comments, blank lines and lines that do not parse are skipped. */
    public static List<Sample> samples(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            parse(line.strip()).ifPresent(samples::add);
        }
        return samples;
    }

    /** The sum of the samples named {@code name} whose labels include {@code labels} (0 when there are none). */
    public static double sum(String text, String name, Map<String, String> labels) {
        return samples(text).stream().filter(s -> s.name().equals(name) && s.has(labels)).mapToDouble(Sample::value).sum();
    }

    /** The one sample named {@code name} with exactly these labels among its own, if it is there. */
    public static Optional<Sample> sample(String text, String name, Map<String, String> labels) {
        return samples(text).stream().filter(s -> s.name().equals(name) && s.has(labels)).findFirst();
    }

    static Optional<Sample> parse(String line) {
        if (line.isEmpty() || line.startsWith("#")) {
            return Optional.empty();
        }
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = labels(line, i + 1, labels);
            if (i < 0) {
                return Optional.empty();
            }
        }
        String rest = line.substring(i).strip();
        int end = rest.indexOf(' ');
        String value = end < 0 ? rest : rest.substring(0, end);
        try {
            return name.isEmpty() ? Optional.empty() : Optional.of(new Sample(name, Map.copyOf(labels), Double.parseDouble(value)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Reads {@code key="value",…}} from {@code from}; returns the index after the closing brace, or -1 if malformed. */
    private static int labels(String line, int from, Map<String, String> into) {
        int i = from;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '}') {
                return i + 1;
            }
            if (c == ',' || c == ' ') {
                i++;
                continue;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                return -1;
            }
            String key = line.substring(i, eq);
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            while (j < line.length() && line.charAt(j) != '"') {
                if (line.charAt(j) == '\\' && j + 1 < line.length()) {
                    char escaped = line.charAt(++j);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(line.charAt(j));
                }
                j++;
            }
            if (j >= line.length()) {
                return -1;
            }
            into.put(key, value.toString());
            i = j + 1;
        }
        return -1;
    }
}
