package io.positrack.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class AccountAccessTest {

    private final AccountAccess alice = AccountAccess.of(Set.of("alice", "alice-2"));
    private final AccountAccess operator = AccountAccess.of(Set.of("*"));

    @Test
    void aListingWithoutFilterIsLimitedToTheCallersAccounts() {
        AccountAccess.Filter filter = alice.filter(null);

        assertThat(filter.refused()).isFalse();
        assertThat(filter.accounts()).contains(Set.of("alice", "alice-2"));
    }

    @Test
    void aFilterOnOwnAccountNarrowsToIt() {
        assertThat(alice.filter("alice-2").accounts()).contains(Set.of("alice-2"));
    }

    @Test
    void aFilterOnAForeignAccountIsRefused() {
        assertThat(alice.filter("bob").refused()).isTrue();
    }

    @Test
    void theEveryAccountKeyIsNotRestricted() {
        assertThat(operator.filter(null).accounts()).isEmpty();
        assertThat(operator.filter("bob").accounts()).contains(Set.of("bob"));
        assertThat(operator.allows("anyone")).isTrue();
    }

    @Test
    void noAccountIsNeverAllowed() {
        assertThat(alice.allows(null)).isFalse();
        assertThat(AccountAccess.NONE.allows("alice")).isFalse();
    }

    @Test
    void theSqlScopeIsNullForEveryAccountAndTheAccountsOtherwise() {
        assertThat(operator.sqlScope()).isNull();
        assertThat(alice.sqlScope()).containsExactlyInAnyOrder("alice", "alice-2");
        assertThat(AccountAccess.NONE.sqlScope()).isEmpty();
        assertThat(operator.filter(null).sqlScope()).isNull();
        assertThat(operator.filter("bob").sqlScope()).containsExactly("bob");
        assertThat(alice.filter(null).sqlScope()).containsExactlyInAnyOrder("alice", "alice-2");
    }
}
