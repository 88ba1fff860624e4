package io.positrack.runtime.security;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The three roles of an API key. A trader and an admin can also read: the roles a key is given are widened by
 * {@link #implied}, so that endpoints name the least role they need and no key has to list "viewer" as well.
 * An admin is not a trader: lifting a safety block is not the same power as trading an account.
 */
public final class Roles {

    /** Reads positions, sessions and signals of its own accounts. */
    public static final String VIEWER = "viewer";
    /** Sends commands for its own accounts. */
    public static final String TRADER = "trader";
    /** Blocks, dead letters and the invariant audit. */
    public static final String ADMIN = "admin";

    public static final Set<String> ALL = Set.of(VIEWER, TRADER, ADMIN);

    private Roles() {
    }

    /** The configured roles with the ones they imply. */
    public static Set<String> implied(Set<String> configured) {
        Set<String> roles = new LinkedHashSet<>(configured);
        if (roles.contains(TRADER) || roles.contains(ADMIN)) {
            roles.add(VIEWER);
        }
        return Set.copyOf(roles);
    }
}
