package io.positrack.contracts.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The one home of "which schema does a record on this topic, with these headers, have", read from the AsyncAPI
 * document on the classpath ({@code asyncapi/asyncapi.yaml}) and the JSON Schemas it references
 * ({@code asyncapi/schemas/*.json}), and the check of a record against it.
 *
 * <ul>
 * <li>A channel's address is the topic. A topic the document does not list has no contract, which is a problem
 * of its own: the document must name every topic a producer of ours writes.</li>
 * <li>A channel with several messages (position-commands, venue-events) tells them apart by the value's
 * {@code type}: the message whose payload schema has that {@code type} constant, or else the one whose payload has
 * no {@code type} property at all (an {@code OrderUpdate}).</li>
 * <li>A message whose {@code contentType} is not JSON (a dead letter: the original bytes) is checked on its headers
 * only.</li>
 * </ul>
 *
 * <p>Loaded once per JVM ({@link #get()}); the schemas are compiled on first use and kept. Test infrastructure uses
 * this class (networknt's validator and Jackson's YAML reader are optional dependencies of the contracts jar: the
 * services do not carry them).
 */
public final class RecordSchemas {

    private static final String DOCUMENT = "asyncapi/asyncapi.yaml";
    private static final String SCHEMA_BASE = "https://positrack.io/schemas/";
    private static final String JSON = "application/json";
    private static volatile RecordSchemas shared;

    private final ObjectMapper json = new ObjectMapper();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(m -> m.mapPrefix(SCHEMA_BASE, "classpath:asyncapi/schemas/")));
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
    private final Map<String, List<Message>> messagesByTopic = new LinkedHashMap<>();

    /** One message of a channel: its name, how to tell it (payload {@code type} constant), and its schemas. */
    private record Message(String name, Optional<String> typeConstant, boolean jsonPayload, JsonSchema payload, JsonSchema headers) {
    }

    private RecordSchemas() {
        JsonNode document = readDocument();
        JsonNode components = document.path("components");
        for (Iterator<JsonNode> channels = document.path("channels").elements(); channels.hasNext();) {
            JsonNode channel = channels.next();
            List<Message> messages = new ArrayList<>();
            for (Iterator<JsonNode> refs = channel.path("messages").elements(); refs.hasNext();) {
                messages.add(message(resolve(document, refs.next()), document, components));
            }
            messagesByTopic.put(channel.path("address").asText(), List.copyOf(messages));
        }
    }

    public static RecordSchemas get() {
        RecordSchemas s = shared;
        if (s == null) {
            synchronized (RecordSchemas.class) {
                if (shared == null) {
                    shared = new RecordSchemas();
                }
                s = shared;
            }
        }
        return s;
    }

    /** The topics the document has a channel for. */
    public Set<String> topics() {
        return messagesByTopic.keySet();
    }

    /** The name of the message a record with this value has on {@code topic}, if the document knows one. */
    public Optional<String> messageName(String topic, String value) {
        List<Message> messages = messagesByTopic.get(topic);
        if (messages == null) {
            return Optional.empty();
        }
        JsonNode tree = parse(value).orElse(null);
        return pick(messages, tree).map(Message::name);
    }

    /**
     * What is wrong with a record of ours on {@code topic}: nothing (an empty list) when its headers and value match
     * the contract. {@code headers} holds the last value of each header, as text; {@code value} the record's value
     * ({@code null} for a tombstone).
     */
    public List<SchemaProblem> check(String topic, Map<String, String> headers, String value) {
        List<Message> messages = messagesByTopic.get(topic);
        if (messages == null) {
            return List.of(new SchemaProblem(SchemaProblem.Part.VALUE, "", "topic '" + topic + "' has no channel in " + DOCUMENT));
        }
        if (messages.isEmpty()) {
            return List.of(new SchemaProblem(SchemaProblem.Part.VALUE, "", "topic '" + topic + "' carries no records"));
        }
        List<SchemaProblem> problems = new ArrayList<>();
        boolean opaque = messages.stream().noneMatch(Message::jsonPayload);
        JsonNode tree = null;
        if (!opaque) {
            if (value == null) {
                return List.of(new SchemaProblem(SchemaProblem.Part.VALUE, "", "no value (a tombstone) where a JSON record belongs"));
            }
            Optional<JsonNode> parsed = parse(value);
            if (parsed.isEmpty()) {
                return List.of(new SchemaProblem(SchemaProblem.Part.VALUE, "", "not JSON"));
            }
            tree = parsed.get();
        }
        Optional<Message> message = opaque ? Optional.of(messages.get(0)) : pick(messages, tree);
        if (message.isEmpty()) {
            return List.of(new SchemaProblem(SchemaProblem.Part.VALUE, "/type", "no message of topic '" + topic + "' has type '"
                    + tree.path("type").asText(null) + "'"));
        }
        Message m = message.get();
        if (m.headers() != null) {
            ObjectNode headerTree = json.createObjectNode();
            headers.forEach(headerTree::put);
            m.headers().validate(headerTree).forEach(v -> problems.add(problem(SchemaProblem.Part.HEADERS, v)));
        }
        if (m.jsonPayload()) {
            m.payload().validate(tree).forEach(v -> problems.add(problem(SchemaProblem.Part.VALUE, v)));
        }
        return problems;
    }

    private static Optional<Message> pick(List<Message> messages, JsonNode tree) {
        if (messages.size() == 1) {
            return Optional.of(messages.get(0));
        }
        JsonNode type = tree == null ? null : tree.get("type");
        if (type != null && type.isTextual()) {
            Optional<Message> named = messages.stream().filter(m -> m.typeConstant().filter(type.asText()::equals).isPresent()).findFirst();
            if (named.isPresent()) {
                return named;
            }
        }
        // A record without a type constant of its own: the one message that has none (OrderUpdate on venue-events).
        List<Message> untyped = messages.stream().filter(m -> m.typeConstant().isEmpty()).toList();
        return untyped.size() == 1 && (type == null || type.isNull()) ? Optional.of(untyped.get(0)) : Optional.empty();
    }

    /** A pointer that names the field itself: for a missing or an unexpected property, the property under its object. */
    private static SchemaProblem problem(SchemaProblem.Part part, ValidationMessage v) {
        String pointer = v.getInstanceLocation().toString();
        // dependentRequired names the present property; the missing one is its first argument.
        String field = "dependentRequired".equals(v.getType()) && v.getArguments() != null && v.getArguments().length > 0
                ? String.valueOf(v.getArguments()[0]) : v.getProperty();
        if (field != null && !pointer.endsWith("/" + field) && ("required".equals(v.getType())
                || "additionalProperties".equals(v.getType()) || "dependentRequired".equals(v.getType()))) {
            pointer = pointer + "/" + field;
        }
        if (pointer.startsWith("$")) {
            pointer = pointer.substring(1);
        }
        return new SchemaProblem(part, pointer, v.getType() + ": " + v.getError());
    }

    private Message message(JsonNode message, JsonNode document, JsonNode components) {
        String name = message.path("name").asText();
        boolean jsonPayload = message.path("contentType").asText(document.path("defaultContentType").asText(JSON)).equals(JSON);
        JsonSchema headers = message.has("headers") ? factory.getSchema(resolve(document, message.get("headers")), config) : null;
        if (!jsonPayload) {
            return new Message(name, Optional.empty(), false, null, headers);
        }
        String ref = message.path("payload").path("$ref").asText();
        if (!ref.startsWith("schemas/")) {
            throw new IllegalStateException("message " + name + ": a JSON payload must reference a file under schemas/, was '" + ref + "'");
        }
        JsonSchema payload = factory.getSchema(SchemaLocation.of(SCHEMA_BASE + ref.substring("schemas/".length())), config);
        payload.initializeValidators(); // compile now, once: not on the first record
        JsonNode type = payload.getSchemaNode().path("properties").path("type").path("const");
        return new Message(name, type.isTextual() ? Optional.of(type.asText()) : Optional.empty(), true, payload, headers);
    }

    /** Follows a local {@code $ref} ({@code #/components/...}) of the document; anything else is returned as it is. */
    private static JsonNode resolve(JsonNode document, JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref != null && ref.asText().startsWith("#/")) {
            JsonNode target = document.at(ref.asText().substring(1));
            if (target.isMissingNode()) {
                throw new IllegalStateException(DOCUMENT + ": unresolved " + ref.asText());
            }
            return resolve(document, target);
        }
        return node;
    }

    private Optional<JsonNode> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(json.readTree(value));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static JsonNode readDocument() {
        try (InputStream in = RecordSchemas.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is not on the classpath");
            }
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
