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
    void tracingIsOffUnlessACollectorIsNamedAndTheOptionWinsOverTheEnvironment() {
        assertThat(LaunchOptions.parse(new String[0], Map.of(), repo).orElseThrow().tracesEndpoint()).isEmpty();
        assertThat(LaunchOptions.parse(new String[] { "--otlp-endpoint", "http://localhost:4318" },
                Map.of("POSITRACK_OTLP_ENDPOINT", "http://collector:4318"), repo).orElseThrow().tracesEndpoint())
                .contains(java.net.URI.create("http://localhost:4318"));
        assertThat(LaunchOptions.parse(new String[0], Map.of("POSITRACK_OTLP_ENDPOINT", "http://collector:4318"), repo).orElseThrow()
                .tracesEndpoint()).contains(java.net.URI.create("http://collector:4318"));
    }

    @Test
    void aCollectorThatIsNoHttpUrlIsRefusedWithAnExample() {
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] { "--otlp-endpoint", "localhost:4318" }, Map.of(), repo))
                .isInstanceOf(LaunchOptions.Invalid.class).hasMessageContaining("http://localhost:4318");
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

    @Test
    void theVenueIsPaperUnlessTheOptionOrTheEnvironmentNamesAnother() {
        assertThat(LaunchOptions.parse(new String[0], Map.of(), repo).orElseThrow().venue()).isEqualTo(TradingVenue.PAPER);
        assertThat(LaunchOptions.parse(new String[] { "--venue", "binance-stand-in" }, Map.of(), repo).orElseThrow().venue())
                .isEqualTo(TradingVenue.BINANCE_STAND_IN);
        assertThat(LaunchOptions.parse(new String[0], Map.of("POSITRACK_VENUE", "binance-stand-in"), repo).orElseThrow().venue())
                .isEqualTo(TradingVenue.BINANCE_STAND_IN);
    }

    @Test
    void anUnknownVenueIsRefusedWithTheVenuesThereAre() {
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] { "--venue", "kraken" }, Map.of(), repo))
                .isInstanceOf(LaunchOptions.Invalid.class).hasMessageContaining("kraken")
                .hasMessageContaining("paper, binance-testnet, binance-mainnet, binance-stand-in");
    }

    @Test
    void aRealBinanceVenueRefusesToStartWithoutBothKeys() {
        for (String venue : List.of("binance-testnet", "binance-mainnet")) {
            assertThatThrownBy(() -> LaunchOptions.parse(new String[] { "--venue", venue }, Map.of(), repo))
                    .isInstanceOf(LaunchOptions.Invalid.class).hasMessageContaining("POSITRACK_BINANCE_API_KEY")
                    .hasMessageContaining("POSITRACK_BINANCE_SECRET_KEY").hasMessageContaining("Nothing was started");
            assertThatThrownBy(() -> LaunchOptions.parse(new String[] { "--venue", venue },
                    Map.of("POSITRACK_BINANCE_API_KEY", "key-only"), repo)).isInstanceOf(LaunchOptions.Invalid.class);
        }
    }

    @Test
    void theBinanceKeysComeFromTheEnvironmentAndNeverShowInWhatIsPrinted() {
        LaunchOptions o = LaunchOptions.parse(new String[] { "--venue", "binance-testnet" },
                Map.of("POSITRACK_BINANCE_API_KEY", "AKEYOFTESTNET123", "POSITRACK_BINANCE_SECRET_KEY", "ASECRETOFTESTNET456"), repo)
                .orElseThrow();
        assertThat(o.binanceKeys()).hasValueSatisfying(k -> {
            assertThat(k.apiKey()).isEqualTo("AKEYOFTESTNET123");
            assertThat(k.secretKey()).isEqualTo("ASECRETOFTESTNET456");
        });
        assertThat(o.toString()).doesNotContain("AKEYOFTESTNET123").doesNotContain("ASECRETOFTESTNET456");
        assertThat(o.venue().describe(o.account(), null)).contains("TESTNET", "https://demo-fapi.binance.com", "account local")
                .doesNotContain("AKEYOFTESTNET123");
    }

    @Test
    void mainnetSaysItTradesRealMoney() {
        assertThat(TradingVenue.BINANCE_MAINNET.describe("desk", null)).contains("MAINNET", "REAL MONEY", "account desk");
    }

    @Test
    void theDemoRunsOnlyWhereItCanDriveTheMarket() {
        assertThat(LaunchOptions.parse(new String[] { "--demo", "--venue", "binance-stand-in" }, Map.of(), repo).orElseThrow().demo())
                .isTrue();
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] { "--demo", "--venue", "binance-testnet" },
                Map.of("POSITRACK_BINANCE_API_KEY", "k", "POSITRACK_BINANCE_SECRET_KEY", "s"), repo))
                .isInstanceOf(LaunchOptions.Invalid.class).hasMessageContaining("--demo drives the market itself");
    }
}
