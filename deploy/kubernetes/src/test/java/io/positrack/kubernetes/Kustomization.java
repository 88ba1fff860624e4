package io.positrack.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for exactly the features our manifests use:
 * {@code resources} (files and directories), {@code namespace}, {@code images} (newName/newTag),
 * {@code replicas}, {@code patches} with a JSON 6902 patch and a group/kind/name target (ops add and replace),
 * and {@code configMapGenerator} from files. Anything else fails, so a manifest can never use a feature this
 * test silently ignores. (Checked against kubectl kustomize 5.5: same objects; see docs/operations.md.)
 */
final class Kustomization {

    static final YAMLMapper YAML = new YAMLMapper();

    private Kustomization() {
    }

    static List<ObjectNode> render(Path dir) {
        JsonNode kustomization = readAll(dir.resolve("kustomization.yaml")).get(0);
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!List.of("apiVersion", "kind", "resources", "namespace", "images", "replicas", "patches",
                    "configMapGenerator").contains(field)) {
                throw new IllegalArgumentException(dir + ": kustomize feature not understood by the test: " + field);
            }
        });
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = dir.resolve(resource.asText()).normalize();
            if (Files.isDirectory(path)) {
                objects.addAll(render(path));
            } else {
                readAll(path).forEach(node -> objects.add((ObjectNode) node));
            }
        }
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            objects.add(generateConfigMap(dir, generator));
        }
        for (JsonNode patch : kustomization.path("patches")) {
            applyPatch(dir, objects, patch);
        }
        for (JsonNode replicas : kustomization.path("replicas")) {
            ObjectNode deployment = find(objects, "Deployment", replicas.get("name").asText());
            ((ObjectNode) deployment.get("spec")).put("replicas", replicas.get("count").asInt());
        }
        for (JsonNode image : kustomization.path("images")) {
            setImage(objects, image);
        }
        if (kustomization.has("namespace")) {
            objects.forEach(o -> ((ObjectNode) o.get("metadata")).put("namespace", kustomization.get("namespace").asText()));
        }
        return objects;
    }

    static List<JsonNode> readAll(Path file) {
        try {
            List<JsonNode> documents = new ArrayList<>();
            try (var parser = YAML.getFactory().createParser(file.toFile())) {
                Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class);
                while (it.hasNext()) {
                    JsonNode document = it.next();
                    if (document != null && !document.isNull() && !document.isEmpty()) {
                        documents.add(document);
                    }
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    static ObjectNode find(List<ObjectNode> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> kind.equals(o.path("kind").asText()) && name.equals(o.path("metadata").path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + kind + " named " + name));
    }

    private static ObjectNode generateConfigMap(Path dir, JsonNode generator) {
        ObjectNode configMap = YAML.createObjectNode();
        configMap.put("apiVersion", "v1").put("kind", "ConfigMap");
        ObjectNode metadata = configMap.putObject("metadata");
        metadata.put("name", generator.get("name").asText());
        if (!generator.path("options").path("disableNameSuffixHash").asBoolean()) {
            throw new IllegalArgumentException("generated ConfigMaps must disable the name hash (nothing refers to them by name)");
        }
        metadata.set("labels", generator.path("options").path("labels").deepCopy());
        ObjectNode data = configMap.putObject("data");
        for (JsonNode file : generator.path("files")) {
            Path path = dir.resolve(file.asText());
            data.put(path.getFileName().toString(), ConfigKeys.read(path));
        }
        return configMap;
    }

    private static void applyPatch(Path dir, List<ObjectNode> objects, JsonNode patch) {
        JsonNode target = patch.get("target");
        List<ObjectNode> targets = objects.stream()
                .filter(o -> !target.has("kind") || target.get("kind").asText().equals(o.path("kind").asText()))
                .filter(o -> !target.has("name") || target.get("name").asText().equals(o.path("metadata").path("name").asText()))
                .filter(o -> !target.has("group") || o.path("apiVersion").asText().startsWith(target.get("group").asText() + "/"))
                .toList();
        if (targets.isEmpty()) {
            throw new IllegalArgumentException(dir + ": patch target matches nothing: " + target);
        }
        JsonNode operations;
        try {
            operations = YAML.readTree(patch.get("patch").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (ObjectNode object : targets) {
            for (JsonNode operation : operations) {
                apply(object, operation);
            }
        }
    }

    private static void apply(ObjectNode object, JsonNode operation) {
        String op = operation.get("op").asText();
        String[] path = operation.get("path").asText().substring(1).split("/");
        JsonNode parent = object;
        for (int i = 0; i < path.length - 1; i++) {
            String segment = unescape(path[i]);
            parent = parent.isArray() ? parent.get(Integer.parseInt(segment)) : parent.get(segment);
            if (parent == null) {
                throw new IllegalArgumentException("patch path does not exist: " + operation.get("path").asText());
            }
        }
        String last = unescape(path[path.length - 1]);
        JsonNode value = operation.get("value").deepCopy();
        if (parent.isArray()) {
            ArrayNode array = (ArrayNode) parent;
            if ("-".equals(last) && "add".equals(op)) {
                // JSON Patch's "-": after the last element.
                array.add(value);
                return;
            }
            int index = Integer.parseInt(last);
            if ("replace".equals(op)) {
                array.set(index, value);
            } else if ("add".equals(op)) {
                array.insert(index, value);
            } else {
                throw new IllegalArgumentException("patch op not understood by the test: " + op);
            }
            return;
        }
        ObjectNode container = (ObjectNode) parent;
        if ("replace".equals(op) && !container.has(last)) {
            throw new IllegalArgumentException("replace of a missing member: " + operation.get("path").asText());
        }
        if (!"replace".equals(op) && !"add".equals(op)) {
            throw new IllegalArgumentException("patch op not understood by the test: " + op);
        }
        container.set(last, value);
    }

    private static String unescape(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }

    private static void setImage(List<ObjectNode> objects, JsonNode image) {
        String name = image.get("name").asText();
        boolean found = false;
        for (ObjectNode object : objects) {
            for (JsonNode container : object.path("spec").path("template").path("spec").path("containers")) {
                String current = container.get("image").asText();
                int tag = current.lastIndexOf(':');
                String repository = tag > current.lastIndexOf('/') ? current.substring(0, tag) : current;
                if (repository.equals(name)) {
                    String newName = image.path("newName").asText(repository);
                    String newTag = image.has("newTag") ? image.get("newTag").asText() : current.substring(tag + 1);
                    ((ObjectNode) container).put("image", newName + ":" + newTag);
                    found = true;
                }
            }
        }
        if (!found) {
            throw new IllegalArgumentException("images: no container uses " + name);
        }
    }
}
