package io.positrack.local;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the person who typed the command asked for: command-line options first, environment variables
 * second. Pure, so that the parsing is tested without starting anything.
 *
 * @param demo play the scripted scenario and exit
 * @param dataDirectory where Kafka and PostgreSQL keep their files; empty means a fresh temporary directory
 * @param repository the checkout whose {@code <service>/target/quarkus-app/quarkus-run.jar} are started
 * @param telegram the real Telegram bot (token and allow-listed chats), or empty for the stand-in
 * @param account the trading account every allow-listed chat is mapped to
 * @param venue where orders go and market data comes from ({@code --venue})
 * @param binanceKeys the key and secret of a real Binance venue (from the environment), else empty
 * @param tracesEndpoint an OTLP/HTTP collector the three services export their traces to ({@code --otlp-endpoint});
 *        empty: tracing off
 */
public record LaunchOptions(boolean demo, Optional<Path> dataDirectory, Path repository, Optional<RealTelegram> telegram,
        String account, boolean fastUnsafe, TradingVenue venue, Optional<TradingVenue.BinanceKeys> binanceKeys,
        Optional<URI> tracesEndpoint) {

    public static final String USAGE = String.join("\n",
            "Usage: java -jar deploy/local/target/positrack-local.jar [--demo] [--venue VENUE] [--data-dir DIR] [--repo DIR] [--fast-unsafe]",
            "                                                          [--otlp-endpoint URL]",
            "",
            "  --demo          play a scripted scenario through the Telegram stand-in, print the conversation, exit",
            "                  0 on success (always a fresh temporary data directory and the stand-in)",
            "  --venue VENUE   where orders go and prices come from (env POSITRACK_VENUE; default paper):",
            "                  paper             the paper venue and a simulated market",
            "                  binance-testnet   Binance USDⓈ-M futures testnet: orders, positions and live market data",
            "                  binance-mainnet   the same on Binance mainnet: REAL MONEY",
            "                  binance-stand-in  the Binance code paths against a local Binance stand-in (no exchange)",
            "                  testnet and mainnet need POSITRACK_BINANCE_API_KEY and POSITRACK_BINANCE_SECRET_KEY",
            "  --data-dir DIR  keep Kafka and PostgreSQL data in DIR, so a restart keeps positions",
            "                  (env POSITRACK_DATA_DIR; default: a fresh temporary directory, deleted on exit)",
            "  --repo DIR      the repository checkout with the packaged services (env POSITRACK_HOME;",
            "                  default: the current directory or the nearest parent that has them)",
            "  --fast-unsafe   run PostgreSQL with fsync and synchronous commit off: faster, but a crash of the",
            "                  database loses positions already answered (throwaway demos only)",
            "  --otlp-endpoint URL  export the services' traces to this OTLP/HTTP collector, e.g. http://localhost:4318",
            "                  (env POSITRACK_OTLP_ENDPOINT; default: tracing off)",
            "  --help          this text",
            "",
            "Environment: TELEGRAM_BOT_TOKEN (talk to the real Telegram instead of the stand-in) with",
            "POSITRACK_CHAT_IDS (comma-separated allow-listed chat ids), POSITRACK_ACCOUNT (default 'local').");

    public LaunchOptions {
        dataDirectory = demo ? Optional.empty() : dataDirectory;
        telegram = demo ? Optional.empty() : telegram;
    }

    /** A real Telegram bot; the token is a secret and never printed. */
    public record RealTelegram(String botToken, List<Long> chatIds) {
        @Override
        public String toString() {
            return "RealTelegram[chatIds=" + chatIds + "]";
        }
    }

    /** Thrown for options that cannot be honoured; the message is meant for the person at the terminal. */
    public static final class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message);
        }
    }

    /** @return empty when {@code --help} was asked for */
    public static Optional<LaunchOptions> parse(String[] args, Map<String, String> env, Path workingDirectory) {
        boolean demo = false;
        boolean fastUnsafe = false;
        String dataDir = blankToNull(env.get("POSITRACK_DATA_DIR"));
        String repo = blankToNull(env.get("POSITRACK_HOME"));
        String venueName = blankToNull(env.get("POSITRACK_VENUE"));
        String otlp = blankToNull(env.get("POSITRACK_OTLP_ENDPOINT"));
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        while (!rest.isEmpty()) {
            String arg = rest.remove(0);
            switch (arg) {
                case "--demo":
                    demo = true;
                    break;
                case "--data-dir":
                    dataDir = value(arg, rest);
                    break;
                case "--repo":
                    repo = value(arg, rest);
                    break;
                case "--fast-unsafe":
                    fastUnsafe = true;
                    break;
                case "--venue":
                    venueName = value(arg, rest);
                    break;
                case "--otlp-endpoint":
                    otlp = value(arg, rest);
                    break;
                case "--help":
                case "-h":
                    return Optional.empty();
                default:
                    throw new Invalid("unknown option " + arg + "\n\n" + USAGE);
            }
        }
        Path repository = repo != null ? Path.of(repo).toAbsolutePath().normalize() : findRepository(workingDirectory);
        String account = Optional.ofNullable(blankToNull(env.get("POSITRACK_ACCOUNT"))).orElse("local");
        TradingVenue venue = venueName == null ? TradingVenue.PAPER : TradingVenue.parse(venueName);
        if (demo && !venue.scriptable()) {
            throw new LaunchOptions.Invalid("--demo drives the market itself, which " + venue.option() + " does not allow: use --demo "
                    + "with paper or binance-stand-in, or leave --demo out to trade on " + venue.option());
        }
        return Optional.of(new LaunchOptions(demo, Optional.ofNullable(dataDir).map(d -> Path.of(d).toAbsolutePath().normalize()),
                repository, realTelegram(env), account, fastUnsafe, venue, venue.keys(env), Optional.ofNullable(otlp).map(LaunchOptions::collector)));
    }

    /** An OTLP/HTTP collector's base URL: http or https with a host, as collectors listen (port 4318 by default). */
    static URI collector(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new Invalid("--otlp-endpoint: '" + url + "' is not an http(s) URL of an OTLP/HTTP collector, "
                    + "for example http://localhost:4318");
        }
        return uri;
    }

    private static Optional<RealTelegram> realTelegram(Map<String, String> env) {
        String token = blankToNull(env.get("TELEGRAM_BOT_TOKEN"));
        if (token == null) {
            return Optional.empty();
        }
        String ids = blankToNull(env.get("POSITRACK_CHAT_IDS"));
        if (ids == null) {
            throw new Invalid("TELEGRAM_BOT_TOKEN is set but POSITRACK_CHAT_IDS is not: name the chat ids the bot may answer "
                    + "(comma-separated; a group's id is negative)");
        }
        List<Long> chatIds = new ArrayList<>();
        for (String id : ids.split(",")) {
            try {
                chatIds.add(Long.parseLong(id.trim()));
            } catch (NumberFormatException e) {
                throw new Invalid("POSITRACK_CHAT_IDS: '" + id.trim() + "' is not a chat id (a whole number)");
            }
        }
        return Optional.of(new RealTelegram(token, List.copyOf(chatIds)));
    }

    /** The working directory or its nearest parent that holds the services' modules. */
    static Path findRepository(Path workingDirectory) {
        for (Path dir = workingDirectory.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("position-service")) && Files.isDirectory(dir.resolve("telegram-gateway"))) {
                return dir;
            }
        }
        return workingDirectory.toAbsolutePath().normalize();
    }

    private static String value(String option, List<String> rest) {
        if (rest.isEmpty() || rest.get(0).startsWith("--")) {
            throw new Invalid(option + " needs a value\n\n" + USAGE);
        }
        return rest.remove(0);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
