package io.positrack.signal.support;

import java.util.regex.Pattern;

/** The one form of an id on the wire (command ids, accounts, venues, event ids): 1-128 of {@code [A-Za-z0-9._:@/-]}. */
public final class Identifiers {

    private static final Pattern ID = io.positrack.runtime.rules.Ids.FORM;

    private Identifiers() {
    }

    public static boolean isValid(String value) {
        return value != null && ID.matcher(value).matches();
    }

    /** Adds "{@code field} is required" or the rule it breaks to {@code problems}. */
    public static void check(String field, String value, java.util.List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(field + " is required");
        } else if (!isValid(value)) {
            problems.add(field + " has characters outside [A-Za-z0-9._:@/-] or is longer than 128");
        }
    }
}
