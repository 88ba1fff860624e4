package io.positrack.infra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a child service gets through its environment rather than its command line, where `ps` shows it. */
class ServiceProcessSecretsTest {

    @Test
    void credentialsAreSecretsAndPlainSettingsAreNot() {
        assertThat(ServiceProcess.isSecret("positrack.telegram.bot-token")).isTrue();
        assertThat(ServiceProcess.isSecret("quarkus.datasource.password")).isTrue();
        assertThat(ServiceProcess.isSecret("positrack.binance.secret-key")).isTrue();
        assertThat(ServiceProcess.isSecret("positrack.binance.api-key")).isTrue();
        assertThat(ServiceProcess.isSecret("positrack.binance.rest-base-url")).isFalse();
        assertThat(ServiceProcess.isSecret("positrack.binance.account")).isFalse();
    }

    @Test
    void aSecretTravelsUnderTheEnvironmentNameSmallRyeConfigReads() {
        assertThat(ServiceProcess.environmentName("positrack.binance.api-key")).isEqualTo("POSITRACK_BINANCE_API_KEY");
    }
}
