package io.positrack.runtime.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.positrack.contracts.security.ApiKey;

/**
 * The configured keys and the one decision about a presented token: which principal it is, if any. Pure, so that
 * the rules (unknown id, wrong secret, malformed token) are unit-tested without HTTP. The comparison is of hashes
 * in constant time, so the time an answer takes says nothing about how much of a secret was right.
 */
public final class ApiKeyRegistry {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private record Entry(byte[] sha256, KeyPrincipal principal) {
    }

    private final Map<String, Entry> byId;

    private ApiKeyRegistry(Map<String, Entry> byId) {
        this.byId = Map.copyOf(byId);
    }

    /**
     * The registry of a configuration; a malformed entry is refused here, at start-up, with every problem named, so a
     * typo in a hash or role cannot silently lock an operator out or hand out a role nobody meant.
     */
    public static ApiKeyRegistry of(Map<String, ApiKeysConfig.Key> keys) {
        List<String> problems = new ArrayList<>();
        Map<String, Entry> byId = new HashMap<>();
        keys.forEach((id, key) -> {
            if (!ApiKey.ID.matcher(id).matches()) {
                problems.add("positrack.auth.keys." + id + ": the id must be 1-32 of a-z, 0-9 and '-'");
            }
            String hash = key.sha256().trim().toLowerCase(java.util.Locale.ROOT);
            if (!SHA256_HEX.matcher(hash).matches()) {
                problems.add("positrack.auth.keys." + id + ".sha256: 64 hex digits expected (the SHA-256 of the key, not the key)");
            }
            Set<String> unknown = new java.util.TreeSet<>(key.roles());
            unknown.removeAll(Roles.ALL);
            if (!unknown.isEmpty() || key.roles().isEmpty()) {
                problems.add("positrack.auth.keys." + id + ".roles: " + (key.roles().isEmpty() ? "none given" : "unknown " + unknown)
                        + " (viewer, trader, admin)");
            }
            AccountAccess access = key.accounts().map(AccountAccess::of).orElse(AccountAccess.NONE);
            byId.put(id, new Entry(hash.getBytes(StandardCharsets.US_ASCII), new KeyPrincipal(id, Roles.implied(key.roles()), access)));
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("API key configuration refused: " + String.join("; ", problems));
        }
        return new ApiKeyRegistry(byId);
    }

    /** The principal of a presented token, or empty for anything that is not a configured key. */
    public Optional<KeyPrincipal> authenticate(String token) {
        Optional<ApiKey> key = ApiKey.parse(token);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Entry entry = byId.get(key.get().id());
        if (entry == null) {
            return Optional.empty();
        }
        byte[] presented = key.get().sha256().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(presented, entry.sha256()) ? Optional.of(entry.principal()) : Optional.empty();
    }

    public int size() {
        return byId.size();
    }
}
