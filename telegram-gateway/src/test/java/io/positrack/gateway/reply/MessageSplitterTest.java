package io.positrack.gateway.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class MessageSplitterTest {

    @Test
    void aShortMessageIsOnePart() {
        assertThat(new MessageSplitter(4096).split("<b>hi</b>\nthere")).containsExactly("<b>hi</b>\nthere");
    }

    @Test
    void longMessagesAreSplitBetweenLinesWithinTheLimit() {
        String line = "<b>BUY XAUUSD</b> #1 · ACTIVE · v3 " + "x".repeat(60);
        String html = String.join("\n", java.util.Collections.nCopies(200, line));

        List<String> parts = new MessageSplitter(4096).split(html);

        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(4096));
        assertThat(String.join("\n", parts)).isEqualTo(html);
    }

    @Test
    void anOverlongLineIsCutOutsideEntitiesWithItsTagsClosedAndReopened() {
        String line = "<b>" + "a&amp;b ".repeat(40) + "</b>";

        List<String> parts = new MessageSplitter(100).split(line);

        assertThat(parts).hasSizeGreaterThan(1);
        for (String part : parts) {
            assertThat(part.length()).isLessThanOrEqualTo(100);
            assertThat(part).startsWith("<b>").endsWith("</b>");
            // Every entity whole: no part ends or starts inside "&amp;".
            assertThat(part.replace("&amp;", "")).doesNotContain("&", "amp;");
        }
        assertThat(String.join("", parts).replace("</b><b>", "")).isEqualTo(line);
    }

    @Test
    void blankPartsAreNeverProduced() {
        assertThat(new MessageSplitter(64).split("\n\n" + "y".repeat(70) + "\n\n")).noneMatch(String::isBlank);
    }
}
