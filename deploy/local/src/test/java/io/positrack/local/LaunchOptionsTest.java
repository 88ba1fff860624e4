package io.positrack.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchOptionsTest {

    @TempDir
    Path repo;

    @Test
    void withoutOptionsItUsesTheStandInAndAFreshDataDirectory() {
        LaunchOptions o = LaunchOptions.parse(new String[0], Map.of(), repo).orElseThrow();
        assertThat(o.demo()).isFalse();
        assertThat(o.dataDirectory()).isEmpty();
        assertThat(o.telegram()).isEmpty();
        assertThat(o.account()).isEqualTo("local");
        assertThat(o.fastUnsafe()).isFalse();
    }

    @Test
    void fastUnsafeIsOnlyWhatTheOptionAsksFor() {
        assertThat(LaunchOptions.parse(new String[] { "--fast-unsafe" }, Map.of(), repo).orElseThrow().fastUnsafe()).isTrue();
        assertThat(LaunchOptions.parse(new String[] { "--demo" }, Map.of(), repo).orElseThrow().fastUnsafe()).isFalse();
    }

    @Test
    void theDataDirectoryOptionWinsOverTheEnvironment() {
        LaunchOptions o = LaunchOptions.parse(new String[] { "--data-dir", "/tmp/a" }, Map.of("POSITRACK_DATA_DIR", "/tmp/b"), repo)
                .orElseThrow();
        assertThat(o.dataDirectory()).contains(Path.of("/tmp/a"));
        assertThat(LaunchOptions.parse(new String[0], Map.of("POSITRACK_DATA_DIR", "/tmp/b"), repo).orElseThrow().dataDirectory())
                .contains(Path.of("/tmp/b"));
    }

    @Test
    void aTokenWithChatIdsSelectsTheRealTelegram() {
        LaunchOptions o = LaunchOptions.parse(new String[0],
                Map.of("TELEGRAM_BOT_TOKEN", "123:abcdefghijklmnopqrstuvwxyz", "POSITRACK_CHAT_IDS", "11, -22"), repo).orElseThrow();
        assertThat(o.telegram()).hasValueSatisfying(t -> assertThat(t.chatIds()).containsExactly(11L, -22L));
        assertThat(o.telegram().get().toString()).doesNotContain("abcdefghij");
    }

    @Test
    void aTokenWithoutChatIdsIsRefused() {
        assertThatThrownBy(() -> LaunchOptions.parse(new String[0], Map.of("TELEGRAM_BOT_TOKEN", "123:abc"), repo))
                .isInstanceOf(LaunchOptions.Invalid.class).hasMessageContaining("POSITRACK_CHAT_IDS");
    }

    @Test
    void theDemoAlwaysUsesTheStandInAndFreshData() {
        LaunchOptions o = LaunchOptions.parse(new String[] { "--demo", "--data-dir", "/tmp/a" },
                Map.of("TELEGRAM_BOT_TOKEN", "123:abcdefghijklmnopqrstuvwxyz", "POSITRACK_CHAT_IDS", "11"), repo).orElseThrow();
        assertThat(o.demo()).isTrue();
        assertThat(o.dataDirectory()).isEmpty();
        assertThat(o.telegram()).isEmpty();
    }

    @Test
    void anUnknownOptionIsRefusedWithTheUsage() {
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] { "--dmeo" }, Map.of(), repo))
                .isInstanceOf(LaunchOptions.Invalid.class).hasMessageContaining("Usage");
        assertThat(LaunchOptions.parse(new String[] { "--help" }, Map.of(), repo)).isEmpty();
    }

    @Test
    void theRepositoryIsFoundFromASubdirectory() throws Exception {
        Files.createDirectories(repo.resolve("position-service"));
        Files.createDirectories(repo.resolve("telegram-gateway"));
        Path sub = Files.createDirectories(repo.resolve("deploy/local"));
        assertThat(LaunchOptions.parse(new String[0], Map.of(), sub).orElseThrow().repository()).isEqualTo(repo.toAbsolutePath().normalize());
        assertThat(List.of(LaunchOptions.findRepository(repo))).containsExactly(repo.toAbsolutePath().normalize());
    }
}
