package io.positrack.infra.security;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every operation of a service's OpenAPI document, with its path parameters filled in, for the tests that prove
 * each endpoint refuses anonymous and wrong-role callers. Taken from the document the service publishes, so an
 * endpoint added later is enumerated without anyone remembering to list it.
 */
public final class OpenApiOperations {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One operation: {@code GET /positions/{id}} and a callable path such as {@code /positions/1}. */
    public record Operation(String method, String template, String path) {
        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    private OpenApiOperations() {
    }

    /** The operations of an OpenAPI JSON document; path parameters take {@code samples} values (default "1"). */
    public static List<Operation> of(String openApiJson, Map<String, String> samples) {
        try {
            JsonNode paths = JSON.readTree(openApiJson).path("paths");
            List<Operation> out = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> path = it.next();
                for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext();) {
                    String method = methods.next();
                    if (METHODS.contains(method)) {
                        out.add(new Operation(method.toUpperCase(Locale.ROOT), path.getKey(), fill(path.getKey(), samples)));
                    }
                }
            }
            return out;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not an OpenAPI JSON document", e);
        }
    }

    private static String fill(String template, Map<String, String> samples) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                out.append(template, i, template.length());
                break;
            }
            int close = template.indexOf('}', open);
            out.append(template, i, open).append(samples.getOrDefault(template.substring(open + 1, close), "1"));
            i = close + 1;
        }
        return out.toString();
    }
}
