package io.positrack.runtime.security;

import java.util.Set;

/** Who an accepted key is: its id (the principal name), its roles with the implied ones, and its accounts. */
public record KeyPrincipal(String id, Set<String> roles, AccountAccess access) {

    public KeyPrincipal {
        roles = Set.copyOf(roles);
    }
}
