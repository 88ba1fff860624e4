package io.positrack.runtime.wire;

/** Bounded, printable renderings of untrusted text for reasons, logs and headers. */
public final class Texts {

    private Texts() {
    }

    /** At most {@code max} characters of {@code text}, control characters replaced, an ellipsis when cut. */
    public static String bounded(String text, int max) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 1);
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
        }
        if (text.length() > max) {
            out.append('…');
        }
        return out.toString();
    }
}
