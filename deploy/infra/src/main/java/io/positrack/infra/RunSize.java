package io.positrack.infra;

/**
 * The size of a long randomized test (commands, records per topic), read from a system property that the root
 * {@code pom.xml} always sets: short in the default {@code verify}, full under {@code -Pcampaign}. The pom is the
 * one home of every size, so a test carries no default of its own that could drift from it; run from an IDE, pass
 * the property as Maven would ({@code -Dpositrack.crash.commands=3000}).
 */
public final class RunSize {

    private RunSize() {
    }

    /** The property's value; fails, naming the property, when it is missing or not a non-negative integer. */
    public static int of(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(property + " is not set: the root pom.xml sets it for every test JVM (short in the "
                    + "default verify, full under -Pcampaign); outside Maven pass -D" + property + "=N");
        }
        try {
            int size = Integer.parseInt(value.trim());
            if (size < 0) {
                throw new IllegalStateException(property + " must be a non-negative integer, was " + value);
            }
            return size;
        } catch (NumberFormatException e) {
            throw new IllegalStateException(property + " must be a non-negative integer, was " + value, e);
        }
    }
}
