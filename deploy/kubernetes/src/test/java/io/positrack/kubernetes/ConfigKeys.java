package io.positrack.kubernetes;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration keys a service actually reads, derived from its sources rather than listed by hand: the
 * leaves of its {@code @ConfigMapping} interface, every key of its application.properties (and every
 * {@code ${key:default}} it refers to), and the Quarkus keys the properties file says come from the environment.
 * A manifest that sets anything else sets a key nobody reads: a typo, or a setting renamed in the code.
 */
final class ConfigKeys {

    /** Runtime keys the services read from the environment by design (see each application.properties). */
    static final List<String> FROM_ENVIRONMENT = List.of("kafka.bootstrap.servers", "quarkus.datasource.jdbc.url",
            "quarkus.datasource.reactive.url", "quarkus.datasource.username", "quarkus.datasource.password",
            "quarkus.config.locations",
            // The authenticated Kafka listener (kafka/kafka-config.yaml): the Kafka client's own keys, which the
            // Quarkus Kafka extension takes from any KAFKA_* variable.
            "kafka.security.protocol", "kafka.sasl.mechanism", "kafka.sasl.jaas.config", "kafka.ssl.truststore.type",
            "kafka.ssl.truststore.certificates");

    private static final Pattern MAPPING_PREFIX = Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([^\"]+)\"\\)");
    private static final Pattern TYPE_DECLARATION = Pattern.compile("\\b(interface|enum)\\s+(\\w+)");
    private static final Pattern ACCESSOR = Pattern.compile("^\\s*([\\w.]+(?:<[\\w.<>, ?]+>)?)\\s+(\\w+)\\(\\)\\s*;");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([a-zA-Z0-9.\\-_]+)(?::[^}]*)?}");

    /** Placeholder of a map key in a key template ({@code positrack.signal.instruments.{*}.quantity}). */
    static final String MAP_KEY = "{*}";
    /** Placeholder of a list index in a key template ({@code positrack.telegram.chats[*].id}). */
    static final String LIST_INDEX = "[*]";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\*}|\\[\\*]");

    private final List<String> templates;
    private final List<Pattern> properties;
    private final List<Pattern> environment;

    private ConfigKeys(List<String> templates) {
        this.templates = templates;
        this.properties = templates.stream().map(t -> compile(t, false)).toList();
        this.environment = templates.stream().map(t -> compile(t, true)).toList();
    }

    static ConfigKeys of(Path serviceDir) {
        List<String> templates = new ArrayList<>(FROM_ENVIRONMENT);
        String text = read(serviceDir.resolve("src/main/resources/application.properties"));
        Properties parsed = new Properties();
        try {
            parsed.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String key : parsed.stringPropertyNames()) {
            // %test.positrack.x is the key positrack.x in a profile.
            templates.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
        }
        Matcher reference = REFERENCE.matcher(text);
        while (reference.find()) {
            templates.add(reference.group(1));
        }
        // The shared runtime's mappings (positrack.consumer.*, positrack.kafka.*) are read by every service.
        List<Path> mappings = new ArrayList<>(mappingInterfaces(serviceDir));
        mappings.addAll(mappingInterfaces(serviceDir.resolveSibling("runtime")));
        for (Path mapping : mappings) {
            templates.addAll(mappingKeys(read(mapping)));
        }
        return new ConfigKeys(templates.stream().distinct().toList());
    }

    List<String> templates() {
        return templates;
    }

    /** Whether a property name (as in a properties file) is read by the service. */
    boolean readsProperty(String property) {
        return properties.stream().anyMatch(k -> k.matcher(property).matches());
    }

    /**
     * Whether an environment variable name maps to a key the service reads. SmallRye Config matches an
     * environment variable to a property when the property, with every non-alphanumeric character replaced by
     * {@code _} and upper-cased, equals the variable's name.
     */
    boolean readsEnvironmentVariable(String name) {
        return environment.stream().anyMatch(k -> k.matcher(name).matches());
    }

    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static Pattern compile(String template, boolean asEnvironmentVariable) {
        StringBuilder regex = new StringBuilder();
        Matcher placeholder = PLACEHOLDER.matcher(template);
        int literalStart = 0;
        while (placeholder.find()) {
            regex.append(literal(template.substring(literalStart, placeholder.start()), asEnvironmentVariable));
            boolean mapKey = placeholder.group().equals(MAP_KEY);
            if (asEnvironmentVariable) {
                regex.append(mapKey ? "[A-Z0-9_]+" : "_[0-9]+_");
            } else {
                regex.append(mapKey ? "[^.\\[\\]]+" : "\\[[0-9]+\\]");
            }
            literalStart = placeholder.end();
        }
        regex.append(literal(template.substring(literalStart), asEnvironmentVariable));
        return Pattern.compile(regex.toString());
    }

    private static String literal(String text, boolean asEnvironmentVariable) {
        return text.isEmpty() ? "" : Pattern.quote(asEnvironmentVariable ? environmentName(text) : text);
    }

    private static List<Path> mappingInterfaces(Path serviceDir) {
        try (Stream<Path> files = Files.walk(serviceDir.resolve("src/main/java"))) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> MAPPING_PREFIX.matcher(read(f)).find())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The leaf keys of one {@code @ConfigMapping} interface, as templates with {@link #MAP_KEY} and {@link #LIST_INDEX}. Reads
     * the source (the team's style: one accessor per line, nested interfaces for groups); accessors returning
     * a nested interface are groups, {@code Map<String, X>} adds a key segment, {@code List<X>} an index.
     */
    static List<String> mappingKeys(String source) {
        Matcher prefix = MAPPING_PREFIX.matcher(source);
        if (!prefix.find()) {
            throw new IllegalArgumentException("no @ConfigMapping prefix");
        }
        // Block comments, then string literals (a default may contain "//" or braces), then line comments.
        String code = source.replaceAll("(?s)/\\*.*?\\*/", "")
                .replaceAll("\"(\\\\.|[^\"\\\\\n])*\"", "\"\"")
                .replaceAll("//[^\n]*", "");
        Map<String, List<String[]>> accessorsByType = new LinkedHashMap<>();
        Deque<String> types = new ArrayDeque<>();
        Deque<Integer> typeDepths = new ArrayDeque<>();
        String top = null;
        int depth = 0;
        for (String line : code.split("\n")) {
            Matcher declaration = TYPE_DECLARATION.matcher(line);
            Matcher accessor = ACCESSOR.matcher(line);
            if (accessor.find() && !types.isEmpty() && depth == typeDepths.peek() + 1) {
                accessorsByType.computeIfAbsent(types.peek(), t -> new ArrayList<>())
                        .add(new String[] {accessor.group(1), accessor.group(2)});
            }
            if (declaration.find() && line.contains("{")) {
                types.push(declaration.group(2));
                typeDepths.push(depth);
                if (top == null) {
                    top = declaration.group(2);
                }
            }
            for (char c : line.toCharArray()) {
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    depth--;
                    if (!typeDepths.isEmpty() && depth == typeDepths.peek()) {
                        types.pop();
                        typeDepths.pop();
                    }
                }
            }
        }
        Set<String> keys = new LinkedHashSet<>();
        expand(top, prefix.group(1), accessorsByType, keys, 0);
        return List.copyOf(keys);
    }

    private static void expand(String type, String prefix, Map<String, List<String[]>> accessorsByType, Set<String> keys,
            int nesting) {
        if (nesting > 10) {
            throw new IllegalStateException("recursive configuration group " + type);
        }
        for (String[] accessor : accessorsByType.getOrDefault(type, List.of())) {
            String returnType = unwrap(accessor[0], "Optional");
            String key = prefix + "." + kebab(accessor[1]);
            if (returnType.startsWith("Map<")) {
                String value = returnType.substring(returnType.indexOf(',') + 1, returnType.length() - 1).trim();
                key = key + "." + MAP_KEY;
                returnType = value;
            } else if (returnType.startsWith("List<") && accessorsByType.containsKey(unwrap(returnType, "List"))) {
                key = key + LIST_INDEX;
                returnType = unwrap(returnType, "List");
            }
            if (accessorsByType.containsKey(returnType)) {
                expand(returnType, key, accessorsByType, keys, nesting + 1);
            } else {
                keys.add(key);
            }
        }
    }

    private static String unwrap(String type, String wrapper) {
        String simple = type.replace("java.util.", "");
        return simple.startsWith(wrapper + "<") ? simple.substring(wrapper.length() + 1, simple.length() - 1).trim() : simple;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
