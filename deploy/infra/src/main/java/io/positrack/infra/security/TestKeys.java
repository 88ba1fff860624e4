package io.positrack.infra.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.positrack.contracts.security.ApiKey;

/**
 * The API keys every test run configures (through {@link io.positrack.infra.quarkus.PositrackTestInfrastructure}
 * and {@link #config()} for packaged runs). Their secrets are derived from their names, so the test JVM and the
 * application under test agree on them whatever classloader computes them; they are test fixtures, not secrets,
 * and no deployment configures them.
 *
 * <p>The {@code *_OF_*} keys see one account only, for the account-visibility tests.
 */
public enum TestKeys {

    VIEWER("test-viewer", "viewer", "*"),
    TRADER("test-trader", "trader", "*"),
    ADMIN("test-admin", "admin", "*"),
    /** A viewer of account {@link #ALICE_ACCOUNT} only. */
    VIEWER_OF_ALICE("test-viewer-alice", "viewer", TestKeys.ALICE_ACCOUNT),
    /** A trader of account {@link #ALICE_ACCOUNT} only. */
    TRADER_OF_ALICE("test-trader-alice", "trader", TestKeys.ALICE_ACCOUNT),
    /** A key with no account: sees only what belongs to no account. */
    VIEWER_OF_NONE("test-viewer-none", "viewer", null);

    public static final String ALICE_ACCOUNT = "acct-alice";

    private final String id;
    private final String roles;
    private final String accounts;

    TestKeys(String id, String roles, String accounts) {
        this.id = id;
        this.roles = roles;
        this.accounts = accounts;
    }

    /** The key; same shape as a real one ({@link ApiKey}), its secret derived from the id. */
    public ApiKey key() {
        byte[] secret = sha256(("positrack-test-key:" + id).getBytes(StandardCharsets.UTF_8));
        return new ApiKey(id, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** What a caller sends after {@code Bearer }. */
    public String value() {
        return key().value();
    }

    /** {@code Authorization} header value. */
    public String bearer() {
        return "Bearer " + value();
    }

    /** The configuration of every test key, as {@code positrack.auth.keys.*} entries. */
    public static Map<String, String> config() {
        Map<String, String> config = new LinkedHashMap<>();
        for (TestKeys key : values()) {
            String prefix = "positrack.auth.keys." + key.id + ".";
            config.put(prefix + "sha256", key.key().sha256());
            config.put(prefix + "roles", key.roles);
            if (key.accounts != null) {
                config.put(prefix + "accounts", key.accounts);
            }
        }
        return config;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
