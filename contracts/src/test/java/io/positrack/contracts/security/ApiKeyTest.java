package io.positrack.contracts.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiKeyTest {

    @Test
    void aGeneratedKeyParsesBackToItself() {
        ApiKey key = ApiKey.generate("desk-1");

        assertThat(key.value()).startsWith("ptk_desk-1_");
        assertThat(ApiKey.parse(key.value())).contains(key);
    }

    @Test
    void twoGeneratedKeysDiffer() {
        assertThat(ApiKey.generate("a").secret()).isNotEqualTo(ApiKey.generate("a").secret());
    }

    @Test
    void theHashIsTheSha256OfTheWholeKeyInLowerCaseHex() {
        ApiKey key = new ApiKey("a", "A".repeat(43));

        assertThat(key.sha256()).hasSize(64).matches("[0-9a-f]+").isEqualTo(ApiKey.sha256("ptk_a_" + "A".repeat(43)));
    }

    @Test
    void theSecretNeverShowsInToString() {
        ApiKey key = ApiKey.generate("desk-1");

        assertThat(key.toString()).doesNotContain(key.secret()).contains("desk-1");
    }

    @Test
    void otherShapesAreNotKeys() {
        assertThat(ApiKey.parse("Bearer ptk_a_" + "A".repeat(43))).isEmpty();
        assertThat(ApiKey.parse("ptk_a_short")).isEmpty();
        assertThat(ApiKey.parse("ptk_" + "a".repeat(33) + "_" + "A".repeat(43))).isEmpty();
    }

    @Test
    void anIdOutsideThePatternCannotBeGenerated() {
        assertThatThrownBy(() -> ApiKey.generate("Desk 1")).isInstanceOf(IllegalArgumentException.class);
    }
}
