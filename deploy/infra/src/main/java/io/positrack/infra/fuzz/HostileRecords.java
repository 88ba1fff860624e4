package io.positrack.infra.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.positrack.contracts.Topics;

/**
 * A seeded generator of records a strict consumer must refuse (see {@link HostileKind} for the strict reading),
 * derived from a valid {@link WireTemplate} of each input topic. The same seed, marker, topic and index always
 * give the same record, whatever else was generated before: each record has a random generator of its own.
 *
 * <p>Kinds are dealt in shuffled rounds over the kinds that apply to the topic, so any {@code kindsFor(topic).size()}
 * consecutive records contain every kind once. Every record's key is {@code <marker>-<index>}, and every JSON
 * record carries the marker as its account (and in its ids) where the record type has one.
 */
public final class HostileRecords {

    private static final Pattern MARKER = Pattern.compile("[A-Za-z0-9._-]{1,40}");
    private static final Set<HostileKind> STRUCTURAL = EnumSet.of(HostileKind.NULL_VALUE, HostileKind.EMPTY_VALUE,
            HostileKind.NOT_AN_OBJECT, HostileKind.RANDOM_BYTES, HostileKind.TRUNCATED_JSON, HostileKind.DEEPLY_NESTED,
            HostileKind.TRAILING_GARBAGE, HostileKind.WRONG_RECORD_TYPE, HostileKind.GARBAGE_HEADERS);

    private static final Map<String, Set<HostileKind>> KINDS = new ConcurrentHashMap<>();

    private final long seed;
    private final String marker;

    /** A generator whose marker is derived from the seed. */
    public HostileRecords(long seed) {
        this(seed, "fuzz-" + Long.toHexString(seed));
    }

    /** @param marker 1-40 of {@code [A-Za-z0-9._-]}, so that it is itself a valid id */
    public HostileRecords(long seed, String marker) {
        if (!MARKER.matcher(marker).matches()) {
            throw new IllegalArgumentException("marker must be 1-40 of [A-Za-z0-9._-], was '" + marker + "'");
        }
        this.seed = seed;
        this.marker = marker;
    }

    public String marker() {
        return marker;
    }

    /** The input topics a campaign covers: every project topic. */
    public static List<String> topics() {
        return Topics.ALL;
    }

    /** The kinds that can be made for a topic: every structural kind, and each field kind some template field admits. */
    public static Set<HostileKind> kindsFor(String topic) {
        return Collections.unmodifiableSet(KINDS.computeIfAbsent(topic, HostileRecords::applicableKinds));
    }

    private static Set<HostileKind> applicableKinds(String topic) {
        Set<HostileKind> kinds = EnumSet.copyOf(STRUCTURAL);
        for (WireTemplate template : ValidTemplates.forTopic(topic, "m", "m-0")) {
            for (FieldSpec field : template.fields()) {
                for (HostileKind kind : HostileKind.values()) {
                    if (FieldMutations.applies(kind, field)) {
                        kinds.add(kind);
                    }
                }
            }
        }
        return kinds;
    }

    /** The key of the record at {@code index}. */
    public String key(int index) {
        return String.format("%s-%06d", marker, index);
    }

    /** The index a key of this generator encodes, or -1 when the key is not one of its keys. */
    public int indexOf(String key) {
        if (key == null || !key.startsWith(marker + "-")) {
            return -1;
        }
        try {
            return Integer.parseInt(key.substring(marker.length() + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public HostileBatch batch(String topic, int count) {
        return new HostileBatch(topic, stream(topic, count).toList());
    }

    /** Records 0 to count-1, made one at a time (a campaign need not hold 100 MB at once). */
    public Stream<HostileRecord> stream(String topic, int count) {
        return IntStream.range(0, count).mapToObj(i -> record(topic, i));
    }

    public HostileRecord record(String topic, int index) {
        HostileKind kind = kindAt(topic, index);
        Random random = new Random(mix(topic, index));
        String key = key(index);
        List<WireTemplate> templates = ValidTemplates.forTopic(topic, marker, key);
        List<HostileHeader> headers = List.of();
        Mutated mutated;
        if (kind == HostileKind.GARBAGE_HEADERS) {
            headers = GarbageHeaders.generate(random);
            // Headers alone never make a record invalid: the value is one too.
            mutated = fieldMutation(HostileKind.MISSING_REQUIRED_FIELD, templates, random);
            mutated = new Mutated(mutated.value(), "GARBAGE_HEADERS x" + headers.size() + " on " + mutated.detail());
        } else if (STRUCTURAL.contains(kind) && !(kind == HostileKind.DEEPLY_NESTED && random.nextInt(3) == 0)) {
            mutated = structural(kind, topic, key, templates, random);
        } else {
            mutated = fieldMutation(kind, templates, random);
        }
        return new HostileRecord(kind, topic, index, key, mutated.value(), headers, mutated.detail());
    }

    private HostileKind kindAt(String topic, int index) {
        List<HostileKind> kinds = new ArrayList<>(kindsFor(topic));
        int round = index / kinds.size();
        Collections.shuffle(kinds, new Random(mix(topic, -1 - round)));
        return kinds.get(index % kinds.size());
    }

    private static Mutated fieldMutation(HostileKind kind, List<WireTemplate> templates, Random random) {
        List<WireTemplate> candidates = templates.stream()
                .filter(t -> t.fields().stream().anyMatch(f -> FieldMutations.applies(kind, f))).toList();
        WireTemplate template = FieldMutations.pick(random, candidates);
        List<FieldSpec> fields = template.fields().stream().filter(f -> FieldMutations.applies(kind, f)).toList();
        return FieldMutations.apply(kind, template, FieldMutations.pick(random, fields), random);
    }

    private Mutated structural(HostileKind kind, String topic, String key, List<WireTemplate> templates, Random random) {
        WireTemplate template = FieldMutations.pick(random, templates);
        byte[] valid = template.bytes();
        return switch (kind) {
            case NULL_VALUE -> new Mutated(null, "null value");
            case EMPTY_VALUE -> {
                String blank = FieldMutations.pick(random, List.of("", " ", "\n", "\t \r\n", "   "));
                yield new Mutated(utf8(blank), "empty value (" + blank.length() + " whitespace)");
            }
            case NOT_AN_OBJECT -> {
                String json = FieldMutations.pick(random, List.of("null", "[]", "42", "\"" + marker + "\"", "true", "-1.5e3",
                        "[" + new String(valid, StandardCharsets.UTF_8) + "]"));
                yield new Mutated(utf8(json), "not an object: " + (json.length() > 20 ? "array of " + template.name() : json));
            }
            case RANDOM_BYTES -> {
                byte[] bytes = RandomBytes.payload(random);
                yield new Mutated(bytes, "random bytes x" + bytes.length);
            }
            case TRUNCATED_JSON -> {
                int length = 1 + random.nextInt(valid.length - 1);
                byte[] cut = new byte[length];
                System.arraycopy(valid, 0, cut, 0, length);
                yield new Mutated(cut, "truncated " + template.name() + " at " + length + "/" + valid.length);
            }
            case DEEPLY_NESTED -> {
                boolean around = random.nextBoolean();
                String json = around
                        ? "[".repeat(FieldMutations.DEPTH) + new String(valid, StandardCharsets.UTF_8) + "]".repeat(FieldMutations.DEPTH)
                        : FieldMutations.nested(false);
                yield new Mutated(utf8(json), around ? "10,000 arrays around " + template.name() : "10,000 nested objects");
            }
            case TRAILING_GARBAGE -> {
                String tail = FieldMutations.pick(random, List.of("{}", new String(valid, StandardCharsets.UTF_8), "garbage", "]",
                        "}", "\u0000", ",", "// comment", "<script>alert(1)</script>", "null"));
                yield new Mutated(concat(valid, utf8(tail)), "trailing content after " + template.name());
            }
            case WRONG_RECORD_TYPE -> {
                List<String> others = Topics.ALL.stream().filter(t -> !t.equals(topic)).toList();
                WireTemplate other = FieldMutations.pick(random, ValidTemplates.forTopic(FieldMutations.pick(random, others),
                        marker, key));
                yield new Mutated(other.bytes(), "a " + other.name() + " of " + other.topic());
            }
            default -> throw new IllegalArgumentException(kind + " is not structural");
        };
    }

    private long mix(String topic, long index) {
        // SplitMix64's finaliser: well spread seeds for neighbouring indexes; String.hashCode is specified, so stable.
        long z = seed ^ (topic.hashCode() * 0x9E3779B97F4A7C15L) ^ (index * 0xC2B2AE3D27D4EB4FL);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
