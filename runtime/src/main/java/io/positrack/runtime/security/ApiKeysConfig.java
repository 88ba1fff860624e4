package io.positrack.runtime.security;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;

/**
 * The API keys a service accepts: {@code positrack.auth.keys.<id>.sha256}, {@code .roles} and {@code .accounts}.
 * No keys configured means every authenticated endpoint refuses every caller, which is the safe way to be wrong.
 * In Kubernetes the map comes from the {@code positrack-api-keys} Secret (docs/security.md).
 */
@ConfigMapping(prefix = "positrack.auth")
public interface ApiKeysConfig {

    Map<String, Key> keys();

    interface Key {
        /** Lower-case hex SHA-256 of the whole key ({@code ptk_<id>_<secret>}). */
        String sha256();

        /** viewer, trader and/or admin. */
        Set<String> roles();

        /** The accounts the key may see and trade, or {@code *} for all; none: no account's data. */
        Optional<Set<String>> accounts();
    }
}
