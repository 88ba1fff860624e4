package io.positrack.runtime.security;

import io.quarkus.security.identity.SecurityIdentity;

/** What the endpoints ask of the authenticated caller: which accounts it may see. */
public final class Callers {

    /** The identity attribute holding the caller's {@link AccountAccess}. */
    public static final String ACCESS = "positrack.account-access";

    private Callers() {
    }

    /** The caller's accounts; an anonymous or foreign identity sees none. */
    public static AccountAccess access(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return AccountAccess.NONE;
        }
        return identity.getAttribute(ACCESS) instanceof AccountAccess access ? access : AccountAccess.NONE;
    }
}
