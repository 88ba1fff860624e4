package io.positrack.runtime.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/** The configured keys, checked once when the service starts (a malformed entry stops the start, with its reason). */
@Startup
@ApplicationScoped
public class ApiKeys {

    private final ApiKeyRegistry registry;

    public ApiKeys(ApiKeysConfig config) {
        this.registry = ApiKeyRegistry.of(config.keys());
        Log.infof("API keys: %d configured%s", registry.size(),
                registry.size() == 0 ? " (every authenticated endpoint refuses every caller)" : "");
    }

    public ApiKeyRegistry registry() {
        return registry;
    }
}
