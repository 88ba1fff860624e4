package io.positrack.position.venue.binance;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** position-service with the Binance venue switched on (against the stand-in of {@link BinanceStandInResource}). */
public class BinanceProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("positrack.binance.enabled", "true");
    }
}
