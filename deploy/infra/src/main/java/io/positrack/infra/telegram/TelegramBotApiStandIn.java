package io.positrack.infra.telegram;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the Telegram Bot API (one bot), speaking its wire format over HTTP on localhost: what
 * telegram-gateway's tests and the local run's chat console talk to instead of {@code api.telegram.org}.
 *
 * <p>Served at {@code <baseUrl>/bot<token>/<method>}, with parameters in the query string, a JSON body or a
 * form body, and answers {@code {"ok":true,"result":…}} or {@code {"ok":false,"error_code":…,"description":…}}:
 * <ul>
 * <li>{@code getMe};</li>
 * <li>{@code getUpdates} with {@code offset} (confirms every update below it), {@code limit} and long-polling
 * {@code timeout}; a second request while one is in progress ends the first with 409 Conflict, and every
 * request gets 409 while a webhook is set;</li>
 * <li>{@code setWebhook} (with {@code secret_token}), {@code deleteWebhook}, {@code getWebhookInfo}: while a
 * webhook is set, pending updates are POSTed to it with {@code X-Telegram-Bot-Api-Secret-Token}, in order,
 * and removed once it answers 2xx;</li>
 * <li>{@code sendMessage} with {@code parse_mode=HTML} parsed strictly and the 4096-character limit, and an inline
 * keyboard in {@code reply_markup} (every {@code callback_data} 1–64 bytes);</li>
 * <li>{@code callback_query} updates for a button press ({@link #pressButton}), {@code answerCallbackQuery},
 * {@code editMessageReplyMarkup} and {@code editMessageText} (read back with {@link #message} and
 * {@link #callbackAnswers}).</li>
 * </ul>
 * The Java API types a user's message ({@link #sendUserMessage}), reads what the bot sent
 * ({@link #sentTo}), injects failures ({@link #injectSendFaults}, {@link #injectGetUpdatesFaults}) and counts
 * {@code getUpdates} conflicts ({@link #getUpdatesConflicts}).
 */
public final class TelegramBotApiStandIn implements AutoCloseable {

    public static final int MAX_MESSAGE_LENGTH = 4096;

    private static final Logger LOG = Logger.getLogger(TelegramBotApiStandIn.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOKEN = Pattern.compile("^(\\d{1,20}):[A-Za-z0-9_-]{20,64}$");
    private static final Pattern SECRET_TOKEN = Pattern.compile("^[A-Za-z0-9_-]{1,256}$");
    private static final int MAX_POLL_TIMEOUT_SECONDS = 50;

    private final String token;
    private final long botId;
    private final String username;
    private final HttpServer server;
    private final ExecutorService executor;
    private final UpdateQueue updates = new UpdateQueue();
    private final List<SentMessage> sent = new CopyOnWriteArrayList<>();
    private final Deque<Fault> sendFaults = new ConcurrentLinkedDeque<>();
    private final Deque<Fault> pollFaults = new ConcurrentLinkedDeque<>();
    private final AtomicLong messageIds = new AtomicLong(1);
    private final AtomicInteger sendAttempts = new AtomicInteger();
    private final AtomicLong webhookDeliveries = new AtomicLong();
    private final HttpClient webhookClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread webhookDeliverer;
    private final Map<Long, SentMessage> current = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Press> presses = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<CallbackAnswer> answers = new CopyOnWriteArrayList<>();
    private final AtomicLong callbackIds = new AtomicLong(1);
    private volatile Webhook webhook;
    private volatile List<String> myCommands = List.of();
    private volatile boolean running = true;

    private TelegramBotApiStandIn(String token, String username, int port) {
        var matcher = TOKEN.matcher(token);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("a bot token looks like <bot id>:<20-64 characters of A-Za-z0-9_->");
        }
        this.token = token;
        this.botId = Long.parseLong(matcher.group(1));
        this.username = username;
        this.executor = Executors.newCachedThreadPool(daemon("telegram-stand-in-http"));
        try {
            this.server = HttpServer.create(new InetSocketAddress("localhost", port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
        this.webhookDeliverer = daemon("telegram-stand-in-webhook").newThread(this::deliverToWebhook);
        webhookDeliverer.start();
        LOG.infof("Telegram Bot API stand-in for @%s listening on %s", username, baseUrl());
    }

    /** A stand-in on a free port with a freshly generated token. */
    public static TelegramBotApiStandIn start() {
        return start(0, generateToken(), "positrack_standin_bot");
    }

    /**
     * @param port 0 for a free port
     * @param token {@code <bot id>:<secret>}, as BotFather hands them out
     */
    public static TelegramBotApiStandIn start(int port, String token, String username) {
        return new TelegramBotApiStandIn(token, username, port);
    }

    /** A token of the real format: a numeric bot id, a colon, 35 random characters. */
    public static String generateToken() {
        SecureRandom random = new SecureRandom();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
        StringBuilder secret = new StringBuilder();
        for (int i = 0; i < 35; i++) {
            secret.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return (1_000_000_000L + random.nextInt(1_000_000_000)) + ":" + secret;
    }

    // ---------------------------------------------------------------- the Java API

    /** What a client puts in front of {@code /bot<token>/<method>}. */
    public String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    public String token() {
        return token;
    }

    public long botId() {
        return botId;
    }

    public String username() {
        return username;
    }

    /**
     * User {@code userId} types {@code text} in chat {@code chatId} (a private chat when the id is positive,
     * a group when negative).
     *
     * @return the new update's {@code update_id}
     */
    public long sendUserMessage(long chatId, long userId, String text) {
        return sendUserMessage(chatId, userId, text, Instant.now());
    }

    /** As {@link #sendUserMessage(long, long, String)}, typed at {@code date} (Telegram's {@code date}, whole seconds). */
    public long sendUserMessage(long chatId, long userId, String text, Instant date) {
        ObjectNode message = JSON.createObjectNode();
        message.put("message_id", messageIds.getAndIncrement());
        ObjectNode from = message.putObject("from");
        from.put("id", userId);
        from.put("is_bot", false);
        from.put("first_name", "User " + userId);
        ObjectNode chat = message.putObject("chat");
        chat.put("id", chatId);
        chat.put("type", chatId < 0 ? "group" : "private");
        message.put("date", date.getEpochSecond());
        message.put("text", text);
        if (text.startsWith("/")) {
            int end = text.indexOf(' ');
            ObjectNode entity = message.putArray("entities").addObject();
            entity.put("offset", 0);
            entity.put("length", end < 0 ? text.length() : end);
            entity.put("type", "bot_command");
        }
        ObjectNode update = JSON.createObjectNode();
        update.set("message", message);
        return updates.add(update);
    }

    /** A button press the stand-in queued: its update and the {@code callback_query} id the bot must answer. */
    public record Press(long updateId, String callbackQueryId) {
    }

    /**
     * User {@code userId} presses a button carrying {@code data} under message {@code messageId} in chat
     * {@code chatId}: a {@code callback_query} update. The message's {@code date} is when the bot sent it.
     */
    public Press pressButton(long chatId, long userId, long messageId, String data) {
        SentMessage sentMessage = current.get(messageId);
        return pressButton(chatId, userId, messageId, data, sentMessage == null ? Instant.now() : sentMessage.sentAt());
    }

    /** As {@link #pressButton(long, long, long, String)}, under a message sent at {@code messageDate}. */
    public Press pressButton(long chatId, long userId, long messageId, String data, Instant messageDate) {
        String id = botId + "-" + callbackIds.getAndIncrement();
        ObjectNode query = JSON.createObjectNode();
        query.put("id", id);
        ObjectNode from = query.putObject("from");
        from.put("id", userId);
        from.put("is_bot", false);
        from.put("first_name", "User " + userId);
        ObjectNode message = query.putObject("message");
        message.put("message_id", messageId);
        message.set("from", botUser());
        ObjectNode chat = message.putObject("chat");
        chat.put("id", chatId);
        chat.put("type", chatId < 0 ? "group" : "private");
        message.put("date", messageDate.getEpochSecond());
        SentMessage shown = current.get(messageId);
        message.put("text", shown == null ? "" : shown.plainText());
        query.put("chat_instance", Long.toString(chatId * 31 + botId));
        if (data != null) {
            query.put("data", data);
        }
        ObjectNode update = JSON.createObjectNode();
        update.set("callback_query", query);
        Press press = new Press(updates.add(update), id);
        presses.put(id, press);
        return press;
    }

    /** Every {@code answerCallbackQuery}, in order. */
    public List<CallbackAnswer> callbackAnswers() {
        return List.copyOf(answers);
    }

    /** The answers to one press (Telegram accepts one; more are refused and not recorded). */
    public Optional<CallbackAnswer> answerTo(Press press) {
        return answers.stream().filter(a -> a.callbackQueryId().equals(press.callbackQueryId())).findFirst();
    }

    /** A sent message as the user sees it now: after every {@code editMessageText}/{@code editMessageReplyMarkup}. */
    public Optional<SentMessage> message(long messageId) {
        return Optional.ofNullable(current.get(messageId));
    }

    /** Makes an update pending again, as Telegram does with an update that was not confirmed. */
    public void redeliver(long updateId) {
        updates.redeliver(updateId);
    }

    /** Everything the bot sent, in order. */
    public List<SentMessage> sentMessages() {
        return List.copyOf(sent);
    }

    /** What the bot sent to one chat, in order. */
    public List<SentMessage> sentTo(long chatId) {
        return sent.stream().filter(m -> m.chatId() == chatId).toList();
    }

    /** The next {@code sendMessage} calls fail like this, one fault per call, in order. */
    public void injectSendFaults(Fault... faults) {
        sendFaults.addAll(List.of(faults));
    }

    /** The next {@code getUpdates} calls fail like this, one fault per call, in order. */
    public void injectGetUpdatesFaults(Fault... faults) {
        pollFaults.addAll(List.of(faults));
    }

    /** Every {@code sendMessage} call received, including those answered with an error. */
    public int sendMessageAttempts() {
        return sendAttempts.get();
    }

    /** Every {@code getUpdates} call received. */
    public long getUpdatesCalls() {
        return updates.polls();
    }

    /** When each 409 Conflict was answered to a {@code getUpdates} call. */
    public List<Instant> getUpdatesConflicts() {
        return updates.conflicts();
    }

    public Optional<Webhook> webhook() {
        return Optional.ofNullable(webhook);
    }

    /** Updates not yet confirmed (polling) or delivered (webhook). */
    public int pendingUpdates() {
        return updates.pendingCount();
    }

    public long webhookDeliveries() {
        return webhookDeliveries.get();
    }

    @Override
    public void close() {
        running = false;
        server.stop(0);
        executor.shutdownNow();
        webhookDeliverer.interrupt();
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            if (!path.startsWith("/bot") || path.indexOf('/', 4) < 0) {
                respond(exchange, error(404, "Not Found"));
                return;
            }
            int slash = path.indexOf('/', 4);
            if (!path.substring(4, slash).equals(token)) {
                respond(exchange, error(401, "Unauthorized"));
                return;
            }
            String method = path.substring(slash + 1).toLowerCase(Locale.ROOT);
            Map<String, JsonNode> params = params(exchange);
            Reply reply;
            switch (method) {
                case "getme":
                    reply = ok(botUser());
                    break;
                case "getupdates":
                    reply = getUpdates(exchange, params);
                    break;
                case "setwebhook":
                    reply = setWebhook(params);
                    break;
                case "deletewebhook":
                    reply = deleteWebhook(params);
                    break;
                case "getwebhookinfo":
                    reply = webhookInfo();
                    break;
                case "sendmessage":
                    reply = sendMessage(exchange, params);
                    break;
                case "setmycommands":
                    reply = setMyCommands(params);
                    break;
                case "answercallbackquery":
                    reply = answerCallbackQuery(params);
                    break;
                case "editmessagereplymarkup":
                    reply = editMessage(params, false);
                    break;
                case "editmessagetext":
                    reply = editMessage(params, true);
                    break;
                default:
                    reply = error(404, "Not Found");
            }
            if (reply != null) {
                respond(exchange, reply);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (BadRequest e) {
            respond(exchange, error(400, e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warnf("Stand-in failed on %s: %s", exchange.getRequestURI().getPath().replace(token, "<token>"), e.toString());
            respond(exchange, error(500, "Internal Server Error"));
        } finally {
            exchange.close();
        }
    }

    private Reply getUpdates(HttpExchange exchange, Map<String, JsonNode> params) throws InterruptedException {
        Fault fault = pollFaults.poll();
        if (fault != null) {
            return fail(exchange, fault);
        }
        Long offset = longParam(params, "offset");
        int limit = (int) Math.max(1, Math.min(100, Optional.ofNullable(longParam(params, "limit")).orElse(100L)));
        int timeout = (int) Math.max(0, Math.min(MAX_POLL_TIMEOUT_SECONDS,
                Optional.ofNullable(longParam(params, "timeout")).orElse(0L)));
        UpdateQueue.Polled polled = updates.poll(offset, limit, timeout);
        if (polled.conflict() != null) {
            return error(409, polled.conflict());
        }
        ArrayNode result = JSON.createArrayNode();
        polled.updates().forEach(result::add);
        return ok(result);
    }

    private Reply setWebhook(Map<String, JsonNode> params) {
        String url = textParam(params, "url");
        if (url == null || url.isEmpty()) {
            return deleteWebhook(params);
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new BadRequest("Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
        }
        String secret = textParam(params, "secret_token");
        if (secret != null && !SECRET_TOKEN.matcher(secret).matches()) {
            throw new BadRequest("Bad Request: secret token contains unallowed characters");
        }
        if (Boolean.parseBoolean(textParam(params, "drop_pending_updates"))) {
            updates.clear();
        }
        webhook = new Webhook(url, secret);
        updates.webhookActive(true);
        return new Reply(200, okBody(JSON.getNodeFactory().booleanNode(true)).put("description", "Webhook was set"));
    }

    /** The "/" menu as Telegram checks it: 1–32 characters of lower case, digits and underscores; a description of 1–256. */
    private Reply setMyCommands(Map<String, JsonNode> params) {
        JsonNode commands = params.get("commands");
        if (commands != null && commands.isTextual()) {
            try {
                commands = JSON.readTree(commands.asText());
            } catch (java.io.IOException e) {
                throw new BadRequest("Bad Request: can't parse commands JSON object");
            }
        }
        if (commands == null || !commands.isArray()) {
            throw new BadRequest("Bad Request: commands must be an array");
        }
        List<String> menu = new java.util.ArrayList<>();
        for (JsonNode c : commands) {
            String command = c.path("command").asText("");
            String description = c.path("description").asText("");
            if (!command.matches("[a-z0-9_]{1,32}") || description.isEmpty() || description.length() > 256) {
                throw new BadRequest("Bad Request: BOT_COMMAND_INVALID");
            }
            menu.add(command);
        }
        myCommands = List.copyOf(menu);
        return new Reply(200, okBody(JSON.getNodeFactory().booleanNode(true)));
    }

    /** The commands of the last accepted {@code setMyCommands}, in order; empty before one. */
    public List<String> myCommands() {
        return myCommands;
    }

    private Reply deleteWebhook(Map<String, JsonNode> params) {
        if (Boolean.parseBoolean(textParam(params, "drop_pending_updates"))) {
            updates.clear();
        }
        boolean had = webhook != null;
        webhook = null;
        updates.webhookActive(false);
        return new Reply(200, okBody(JSON.getNodeFactory().booleanNode(true))
                .put("description", had ? "Webhook was deleted" : "Webhook is already deleted"));
    }

    private Reply webhookInfo() {
        ObjectNode info = JSON.createObjectNode();
        Webhook current = webhook;
        info.put("url", current == null ? "" : current.url());
        info.put("has_custom_certificate", false);
        info.put("pending_update_count", updates.pendingCount());
        return ok(info);
    }

    private Reply sendMessage(HttpExchange exchange, Map<String, JsonNode> params) {
        sendAttempts.incrementAndGet();
        Fault fault = sendFaults.poll();
        if (fault != null) {
            return fail(exchange, fault);
        }
        Long chatId = longParam(params, "chat_id");
        if (chatId == null) {
            throw new BadRequest("Bad Request: chat_id is empty");
        }
        String text = textParam(params, "text");
        if (text == null || text.isBlank()) {
            throw new BadRequest("Bad Request: message text is empty");
        }
        String parseMode = textParam(params, "parse_mode");
        String plain;
        if (parseMode != null && parseMode.equalsIgnoreCase("HTML")) {
            try {
                plain = TelegramHtml.toPlainText(text);
            } catch (IllegalArgumentException e) {
                throw new BadRequest(e.getMessage());
            }
        } else if (parseMode == null || parseMode.isEmpty()) {
            plain = text;
        } else {
            throw new BadRequest("Bad Request: the stand-in supports parse_mode HTML only, not " + parseMode);
        }
        if (plain.isBlank()) {
            throw new BadRequest("Bad Request: message text is empty");
        }
        if (plain.length() > MAX_MESSAGE_LENGTH) {
            throw new BadRequest("Bad Request: message is too long");
        }
        SentMessage message = new SentMessage(messageIds.getAndIncrement(), chatId, text, parseMode, plain, Instant.now(),
                keyboard(params));
        sent.add(message);
        current.put(message.messageId(), message);
        ObjectNode result = JSON.createObjectNode();
        result.put("message_id", message.messageId());
        result.set("from", botUser());
        ObjectNode chat = result.putObject("chat");
        chat.put("id", chatId);
        chat.put("type", chatId < 0 ? "group" : "private");
        result.put("date", message.sentAt().getEpochSecond());
        result.put("text", plain);
        return ok(result);
    }

    private static List<List<InlineButton>> keyboard(Map<String, JsonNode> params) {
        JsonNode markup = params.get("reply_markup");
        try {
            if (markup != null && markup.isTextual()) {
                markup = JSON.readTree(markup.asText());
            }
            return InlineButton.rowsOf(markup);
        } catch (IOException e) {
            throw new BadRequest("Bad Request: can't parse reply keyboard markup JSON object");
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    /** Telegram answers a press once; the text is at most 200 characters. */
    private Reply answerCallbackQuery(Map<String, JsonNode> params) {
        String id = textParam(params, "callback_query_id");
        if (id == null || !presses.containsKey(id)) {
            throw new BadRequest("Bad Request: query is too old and response timeout expired or query ID is invalid");
        }
        if (answers.stream().anyMatch(a -> a.callbackQueryId().equals(id))) {
            throw new BadRequest("Bad Request: query is too old and response timeout expired or query ID is invalid");
        }
        String text = textParam(params, "text");
        if (text != null && text.length() > 200) {
            throw new BadRequest("Bad Request: MESSAGE_TOO_LONG");
        }
        answers.add(new CallbackAnswer(id, text, Boolean.parseBoolean(textParam(params, "show_alert"))));
        return ok(JSON.getNodeFactory().booleanNode(true));
    }

    private Reply editMessage(Map<String, JsonNode> params, boolean withText) {
        Long chatId = longParam(params, "chat_id");
        Long messageId = longParam(params, "message_id");
        SentMessage before = messageId == null ? null : current.get(messageId);
        if (chatId == null || before == null || before.chatId() != chatId) {
            throw new BadRequest("Bad Request: message to edit not found");
        }
        String text = before.text();
        String parseMode = before.parseMode();
        String plain = before.plainText();
        if (withText) {
            text = textParam(params, "text");
            if (text == null || text.isBlank()) {
                throw new BadRequest("Bad Request: message text is empty");
            }
            parseMode = textParam(params, "parse_mode");
            try {
                plain = parseMode != null && parseMode.equalsIgnoreCase("HTML") ? TelegramHtml.toPlainText(text) : text;
            } catch (IllegalArgumentException e) {
                throw new BadRequest(e.getMessage());
            }
        }
        List<List<InlineButton>> keyboard = keyboard(params);
        if (!withText && keyboard.equals(before.keyboard())) {
            throw new BadRequest("Bad Request: message is not modified");
        }
        SentMessage after = new SentMessage(before.messageId(), before.chatId(), text, parseMode, plain, before.sentAt(), keyboard);
        current.put(after.messageId(), after);
        ObjectNode result = JSON.createObjectNode();
        result.put("message_id", after.messageId());
        ObjectNode chat = result.putObject("chat");
        chat.put("id", chatId);
        chat.put("type", chatId < 0 ? "group" : "private");
        result.put("date", after.sentAt().getEpochSecond());
        result.put("text", plain);
        return ok(result);
    }

    private Reply fail(HttpExchange exchange, Fault fault) {
        switch (fault.kind()) {
            case RATE_LIMITED: {
                Reply reply = error(429, "Too Many Requests: retry after " + fault.retryAfterSeconds());
                reply.body().putObject("parameters").put("retry_after", fault.retryAfterSeconds());
                return reply;
            }
            case SERVER_ERROR:
                return error(fault.status(), fault.status() == 502 ? "Bad Gateway" : "Internal Server Error");
            default:
                // Closing the exchange before any response headers closes the connection: the client sees
                // the network fail, not an HTTP answer.
                exchange.close();
                return null;
        }
    }

    private ObjectNode botUser() {
        ObjectNode user = JSON.createObjectNode();
        user.put("id", botId);
        user.put("is_bot", true);
        user.put("first_name", "Positrack stand-in");
        user.put("username", username);
        return user;
    }

    /** Query string, then a JSON or form body: the three ways the Bot API takes parameters. */
    private static Map<String, JsonNode> params(HttpExchange exchange) throws IOException {
        Map<String, JsonNode> params = new LinkedHashMap<>();
        decodeForm(exchange.getRequestURI().getRawQuery(), params);
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        if (body.length > 0) {
            String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
            if (contentType.startsWith("application/json")) {
                JsonNode json;
                try {
                    json = JSON.readTree(body);
                } catch (IOException e) {
                    throw new BadRequest("Bad Request: can't parse JSON object");
                }
                if (!json.isObject()) {
                    throw new BadRequest("Bad Request: can't parse JSON object");
                }
                json.properties().forEach(e -> params.put(e.getKey(), e.getValue()));
            } else if (contentType.startsWith("application/x-www-form-urlencoded")) {
                decodeForm(new String(body, StandardCharsets.UTF_8), params);
            }
        }
        return params;
    }

    private static void decodeForm(String raw, Map<String, JsonNode> into) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.put(key, TextNode.valueOf(value));
        }
    }

    private static Long longParam(Map<String, JsonNode> params, String name) {
        JsonNode value = params.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        try {
            return Long.parseLong(value.asText().trim());
        } catch (NumberFormatException e) {
            throw new BadRequest("Bad Request: invalid " + name + " specified");
        }
    }

    private static String textParam(Map<String, JsonNode> params, String name) {
        JsonNode value = params.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Reply ok(JsonNode result) {
        return new Reply(200, okBody(result));
    }

    private static ObjectNode okBody(JsonNode result) {
        ObjectNode body = JSON.createObjectNode();
        body.put("ok", true);
        body.set("result", result);
        return body;
    }

    private static Reply error(int code, String description) {
        ObjectNode body = JSON.createObjectNode();
        body.put("ok", false);
        body.put("error_code", code);
        body.put("description", description);
        return new Reply(code, body);
    }

    private static void respond(HttpExchange exchange, Reply reply) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(reply.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // The client is gone (it gave up on a long poll, or was killed): nothing to tell it.
        }
    }

    // ---------------------------------------------------------------- webhook delivery

    private void deliverToWebhook() {
        while (running) {
            try {
                Webhook target = webhook;
                ObjectNode update = target == null ? null : updates.oldest();
                if (update == null) {
                    updates.awaitPending(200);
                    if (webhook == null) {
                        // Not delivering: wait for a webhook to be set without spinning.
                        Thread.sleep(100);
                    }
                    continue;
                }
                if (post(target, update)) {
                    updates.remove(update.get("update_id").asLong());
                    webhookDeliveries.incrementAndGet();
                } else {
                    // Telegram retries a failed delivery later; half a second keeps tests quick.
                    Thread.sleep(500);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean post(Webhook target, ObjectNode update) throws InterruptedException {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.url()))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(update)));
            if (target.secretToken() != null) {
                request.header("X-Telegram-Bot-Api-Secret-Token", target.secretToken());
            }
            int status = webhookClient.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300;
        } catch (IOException e) {
            return false;
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private record Reply(int status, ObjectNode body) {
    }

    private static final class BadRequest extends RuntimeException {
        BadRequest(String description) {
            super(description, null, false, false);
        }
    }
}
