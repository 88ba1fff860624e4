package io.positrack.runtime.security;

import java.util.Optional;
import java.util.Set;

/**
 * Which accounts a principal may see and trade: a list, or every account ({@code *} in the configuration, for
 * operators' keys). A key with no accounts sees no account's data, only what belongs to none (signals).
 */
public record AccountAccess(boolean everyAccount, Set<String> accounts) {

    public static final String EVERY_ACCOUNT = "*";
    public static final AccountAccess NONE = new AccountAccess(false, Set.of());

    public AccountAccess {
        accounts = Set.copyOf(accounts);
    }

    public static AccountAccess of(Set<String> configured) {
        return configured.contains(EVERY_ACCOUNT) ? new AccountAccess(true, Set.of()) : new AccountAccess(false, configured);
    }

    /**
     * The accounts as one SQL {@code text[]} parameter, for {@code ($n::text[] IS NULL OR account = ANY($n))}:
     * {@code null} for every account. The one place that turns a principal's accounts into SQL.
     */
    public String[] sqlScope() {
        return everyAccount ? null : accounts.toArray(String[]::new);
    }

    public boolean allows(String account) {
        return everyAccount || (account != null && accounts.contains(account));
    }

    /**
     * The accounts a listing may show for a requested filter: the filter itself when allowed, every account of the
     * principal when there is none, and empty ({@link Filter#refused()}) when the filter names a foreign account.
     */
    public Filter filter(String requested) {
        if (requested != null && !requested.isBlank()) {
            return allows(requested) ? Filter.only(requested) : Filter.REFUSED;
        }
        return everyAccount ? Filter.ANY : new Filter(false, Optional.of(accounts));
    }

    /**
     * A listing's account restriction: {@code accounts} empty means no restriction; {@code refused} means the caller
     * asked for an account that is not theirs (403, never an empty list: the caller should know it is a mistake).
     */
    public record Filter(boolean refused, Optional<Set<String>> accounts) {
        static final Filter ANY = new Filter(false, Optional.empty());
        static final Filter REFUSED = new Filter(true, Optional.of(Set.of()));

        /** As {@link AccountAccess#sqlScope()}: {@code null} when the listing is not restricted. */
        public String[] sqlScope() {
            return accounts.map(set -> set.toArray(String[]::new)).orElse(null);
        }

        static Filter only(String account) {
            return new Filter(false, Optional.of(Set.of(account)));
        }
    }
}
