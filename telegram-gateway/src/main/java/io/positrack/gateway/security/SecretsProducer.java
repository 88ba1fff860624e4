package io.positrack.gateway.security;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the configured {@link Secrets} injectable. */
public class SecretsProducer {

    @Produces
    @Singleton
    Secrets secrets() {
        return Secrets.fromConfig();
    }
}
