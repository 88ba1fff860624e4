package io.positrack.signal.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class AlertAuthenticityTest {

    static final TestSource SOURCE = TestSource.tradingView();
    static final byte[] BODY = "{\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theSourcesSecretMatchesAndAnyOtherOrNoneDoesNot() {
        assertThat(AlertAuthenticity.secretMatches(SOURCE, SOURCE.secret())).isTrue();
        assertThat(AlertAuthenticity.secretMatches(SOURCE, SOURCE.secret() + "x")).isFalse();
        assertThat(AlertAuthenticity.secretMatches(SOURCE, "")).isFalse();
        assertThat(AlertAuthenticity.secretMatches(SOURCE, null)).isFalse();
    }

    @Test
    void aSignatureOfTheExactBodyWithTheSecretMatches() {
        String header = AlertAuthenticity.signature(SOURCE.secret(), BODY);

        assertThat(header).startsWith("sha256=").hasSize("sha256=".length() + 64);
        assertThat(AlertAuthenticity.signatureMatches(SOURCE, BODY, header)).isTrue();
    }

    @Test
    void aSignatureOfAnotherBodyOrWithAnotherSecretOrMalformedDoesNotMatch() {
        String header = AlertAuthenticity.signature(SOURCE.secret(), BODY);

        assertThat(AlertAuthenticity.signatureMatches(SOURCE, "{\"id\":\"2\"}".getBytes(StandardCharsets.UTF_8), header)).isFalse();
        assertThat(AlertAuthenticity.signatureMatches(SOURCE.withSecret("another-secret-long-enough-0000"), BODY, header)).isFalse();
        assertThat(AlertAuthenticity.signatureMatches(SOURCE, BODY, header.substring("sha256=".length()))).isFalse();
        assertThat(AlertAuthenticity.signatureMatches(SOURCE, BODY, "sha256=not-hex")).isFalse();
        assertThat(AlertAuthenticity.signatureMatches(SOURCE, BODY, null)).isFalse();
    }

    @Test
    void aSourceWithAShortSecretOrNoSymbolsIsAConfigurationError() {
        Pattern symbol = Pattern.compile("^[A-Z0-9]{2,20}$");
        assertThat(IntakeSourcesCheck.problems(Map.of("tv", SOURCE), symbol)).isEmpty();
        assertThat(IntakeSourcesCheck.problems(Map.of("tv", SOURCE.withSecret("short")), symbol))
                .singleElement().asString().contains("at least 24").doesNotContain("short");
        assertThat(IntakeSourcesCheck.problems(Map.of("Bad Name", SOURCE), symbol)).singleElement().asString().contains("source name");
        assertThat(IntakeSourcesCheck.problems(Map.of("tv", SOURCE), Pattern.compile("^[a-z]+$")))
                .singleElement().asString().contains("not a valid symbol");
    }
}
