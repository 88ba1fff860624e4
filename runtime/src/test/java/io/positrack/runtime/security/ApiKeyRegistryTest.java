package io.positrack.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.security.ApiKey;

class ApiKeyRegistryTest {

    private static final ApiKey TRADER = ApiKey.generate("bot-1");

    private static ApiKeysConfig.Key key(String sha256, Set<String> roles, Set<String> accounts) {
        return new ApiKeysConfig.Key() {
            @Override
            public String sha256() {
                return sha256;
            }

            @Override
            public Set<String> roles() {
                return roles;
            }

            @Override
            public Optional<Set<String>> accounts() {
                return Optional.ofNullable(accounts);
            }
        };
    }

    private static ApiKeyRegistry registry() {
        return ApiKeyRegistry.of(Map.of("bot-1", key(TRADER.sha256(), Set.of("trader"), Set.of("acct-1"))));
    }

    @Test
    void aConfiguredKeyIsItsPrincipalWithTheImpliedViewerRole() {
        KeyPrincipal principal = registry().authenticate(TRADER.value()).orElseThrow();

        assertThat(principal.id()).isEqualTo("bot-1");
        assertThat(principal.roles()).containsExactlyInAnyOrder("trader", "viewer");
        assertThat(principal.access().allows("acct-1")).isTrue();
        assertThat(principal.access().allows("acct-2")).isFalse();
    }

    @Test
    void theRightIdWithAnotherSecretIsRefused() {
        ApiKey forged = new ApiKey("bot-1", ApiKey.generate("bot-1").secret());

        assertThat(registry().authenticate(forged.value())).isEmpty();
    }

    @Test
    void anUnknownIdIsRefused() {
        assertThat(registry().authenticate(ApiKey.generate("bot-2").value())).isEmpty();
    }

    @Test
    void theHashItselfIsNotAKey() {
        assertThat(registry().authenticate(TRADER.sha256())).isEmpty();
        assertThat(registry().authenticate("ptk_bot-1_" + TRADER.sha256())).isEmpty();
    }

    @Test
    void malformedTokensAreRefusedNotThrown() {
        for (String token : new String[] { null, "", "ptk_", "ptk_bot-1", "ptk_bot-1_", "ptk_BOT_" + TRADER.secret(), "x".repeat(10_000),
                "ptk_bot-1_" + TRADER.secret() + "!" }) {
            assertThat(registry().authenticate(token)).as(String.valueOf(token)).isEmpty();
        }
    }

    @Test
    void anUpperCaseHashInTheConfigurationStillMatches() {
        ApiKeyRegistry registry = ApiKeyRegistry.of(Map.of("bot-1", key(TRADER.sha256().toUpperCase(), Set.of("viewer"), null)));

        assertThat(registry.authenticate(TRADER.value())).isPresent();
    }

    @Test
    void aMalformedConfigurationIsRefusedWithEveryProblemNamed() {
        assertThatThrownBy(() -> ApiKeyRegistry.of(Map.of(
                "bot-1", key("not-a-hash", Set.of("trader"), null),
                "bot-2", key(TRADER.sha256(), Set.of("root"), null),
                "Bad_Id", key(TRADER.sha256(), Set.of("viewer"), null))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("positrack.auth.keys.bot-1.sha256")
                .hasMessageContaining("positrack.auth.keys.bot-2.roles: unknown [root]")
                .hasMessageContaining("positrack.auth.keys.Bad_Id: the id");
    }

    @Test
    void aKeyWithoutAccountsSeesNoAccount() {
        ApiKeyRegistry registry = ApiKeyRegistry.of(Map.of("bot-1", key(TRADER.sha256(), Set.of("viewer"), null)));

        AccountAccess access = registry.authenticate(TRADER.value()).orElseThrow().access();

        assertThat(access.allows("acct-1")).isFalse();
        assertThat(access.filter(null).accounts()).contains(Set.of());
    }

    @Test
    void anAdminIsAViewerButNotATrader() {
        assertThat(Roles.implied(Set.of("admin"))).containsExactlyInAnyOrder("admin", "viewer");
    }
}
