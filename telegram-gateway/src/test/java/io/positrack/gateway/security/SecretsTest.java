package io.positrack.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {

    private static final String TOKEN = "123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0";

    @Test
    void redactMasksTheWholeTokenAndItsSecretHalf() {
        Secrets secrets = Secrets.of(TOKEN, TOKEN.substring(TOKEN.indexOf(':') + 1));

        assertThat(secrets.redact("POST /bot" + TOKEN + "/getUpdates")).isEqualTo("POST /bot<redacted>/getUpdates");
        assertThat(secrets.redact("secret AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0 alone")).doesNotContain("AAHfiqks");
    }

    @Test
    void describeRedactsEveryCauseInTheChain() {
        Secrets secrets = Secrets.of(TOKEN);
        RuntimeException failure = new RuntimeException("outer", new IllegalStateException("timeout on /bot" + TOKEN + "/sendMessage"));

        assertThat(secrets.describe(failure)).isEqualTo("RuntimeException: outer <- IllegalStateException: timeout on /bot<redacted>/sendMessage");
    }

    @Test
    void shortOrEmptyValuesAreNotTreatedAsSecrets() {
        assertThat(Secrets.of("", "abc").redact("abc def")).isEqualTo("abc def");
    }

    @Test
    void secretCheckAcceptsOnlyTheExactSecret() {
        assertThat(SecretCheck.matches("s3cr3t-token_1", "s3cr3t-token_1")).isTrue();
        assertThat(SecretCheck.matches("s3cr3t-token_1", "s3cr3t-token_2")).isFalse();
        assertThat(SecretCheck.matches("s3cr3t-token_1", "s3cr3t-token_1 ")).isFalse();
        assertThat(SecretCheck.matches("s3cr3t-token_1", "")).isFalse();
        assertThat(SecretCheck.matches("s3cr3t-token_1", null)).isFalse();
        assertThat(SecretCheck.matches(null, "anything")).isFalse();
        assertThat(SecretCheck.matches("", "")).isFalse();
    }
}
