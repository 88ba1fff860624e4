package io.positrack.runtime.rules;

import java.util.regex.Pattern;

/** The one form of an id on the wire (command, account, venue, report, order and trade ids), in every service. */
public final class Ids {

    public static final Pattern FORM = Pattern.compile("^[A-Za-z0-9._:@/-]{1,128}$");

    private Ids() {
    }
}
