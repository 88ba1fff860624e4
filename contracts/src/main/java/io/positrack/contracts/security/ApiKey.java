package io.positrack.contracts.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An API key as a caller presents it: {@code ptk_<id>_<secret>}. The id names the key in the configuration (and
 * in logs: it is not secret); the secret is 32 random bytes, base64url. Only the SHA-256 of the whole key is
 * configured, so a leaked configuration does not leak a key. A plain hash is enough here, unlike for passwords:
 * the secret has 256 bits of entropy, so there is nothing for a slow hash to protect against guessing.
 */
public record ApiKey(String id, String secret) {

    public static final String PREFIX = "ptk_";
    /** Key ids: what the configuration map can hold as a plain key, and short enough to log. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{32,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The key in a presented token, or empty when it is not one of ours (wrong shape, not a malformed key). */
    public static Optional<ApiKey> parse(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 200) {
            return Optional.empty();
        }
        String rest = token.substring(PREFIX.length());
        int split = rest.indexOf('_');
        if (split < 0) {
            return Optional.empty();
        }
        String id = rest.substring(0, split);
        String secret = rest.substring(split + 1);
        if (!ID.matcher(id).matches() || !SECRET.matcher(secret).matches()) {
            return Optional.empty();
        }
        return Optional.of(new ApiKey(id, secret));
    }

    /** A new key with the given id (the local run and operators' key generation use this). */
    public static ApiKey generate(String id) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("An API key id is 1-32 of a-z, 0-9 and '-', starting with a letter or digit");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return new ApiKey(id, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** What the caller sends in {@code Authorization: Bearer}. */
    public String value() {
        return PREFIX + id + "_" + secret;
    }

    /** What the configuration holds: lower-case hex SHA-256 of {@link #value()}. */
    public String sha256() {
        return sha256(value());
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Never the secret: a key that reaches a log line shows its id only. */
    @Override
    public String toString() {
        return "ApiKey[" + id + "]";
    }
}
