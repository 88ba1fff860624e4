package io.positrack.infra.binance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;

/**
 * The stand-in's public market streams, in the shape of Binance USDⓈ-M futures' combined streams:
 * {@code /stream?streams=btcusdt@bookTicker/ethusdt@bookTicker} (and the raw {@code /ws/<symbol>@bookTicker}), each
 * frame {@code {"stream":"btcusdt@bookTicker","data":{"e":"bookTicker","u":..,"s":"BTCUSDT","b":"..","B":"..",
 * "a":"..","A":"..","T":..,"E":..}}}. A test publishes quotes ({@link #bookTicker}) and switches faults on: dropped
 * connections, silent symbols (their frames are not sent), duplicated frames (each sent twice) and reordered frames
 * (each frame held back and sent after the next one of its symbol).
 */
public final class MarketStreams {

    private static final Logger LOG = Logger.getLogger(MarketStreams.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<ServerWebSocket, Set<String>> sockets = new ConcurrentHashMap<>();
    private final Set<String> silent = ConcurrentHashMap.newKeySet();
    private final Map<String, String> heldBack = new ConcurrentHashMap<>();
    private final AtomicLong updateId = new AtomicLong(1_000);
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean duplicate;
    private volatile boolean reorder;
    private volatile boolean refuse;

    /** Whether this upgrade request is for the market streams. */
    static boolean isMarketStream(String path) {
        return path.equals("/stream") || (path.startsWith("/ws/") && path.contains("@"));
    }

    void upgrade(HttpServerRequest req) {
        Set<String> streams = new java.util.HashSet<>();
        if (req.path().equals("/stream")) {
            String list = req.getParam("streams");
            if (list != null) {
                for (String s : list.split("/")) {
                    if (!s.isBlank()) {
                        streams.add(s);
                    }
                }
            }
        } else {
            streams.add(req.path().substring("/ws/".length()));
        }
        if (streams.isEmpty() || refuse) {
            req.response().setStatusCode(refuse ? 503 : 400).end();
            return;
        }
        req.toWebSocket().onSuccess(socket -> {
            sockets.put(socket, streams);
            connections.incrementAndGet();
            socket.closeHandler(ignored -> sockets.remove(socket));
            // Binance answers a client's ping with a pong; Vert.x does it for the server socket too.
        }).onFailure(e -> LOG.debugf("Binance stand-in: market stream upgrade failed: %s", e.toString()));
    }

    /** Publishes one bookTicker quote (prices as decimal strings) to every connection subscribed to the symbol. */
    public void bookTicker(String symbol, String bid, String ask) {
        bookTicker(symbol, bid, ask, System.currentTimeMillis());
    }

    /** The same, with the event time {@code E} given (to test times from outside). */
    public void bookTicker(String symbol, String bid, String ask, long eventTimeMillis) {
        String stream = symbol.toLowerCase(Locale.ROOT) + "@bookTicker";
        ObjectNode data = JSON.createObjectNode();
        data.put("e", "bookTicker");
        data.put("u", updateId.incrementAndGet());
        data.put("s", symbol);
        data.put("b", bid);
        data.put("B", "10");
        data.put("a", ask);
        data.put("A", "10");
        data.put("T", eventTimeMillis - 1);
        data.put("E", eventTimeMillis);
        ObjectNode frame = JSON.createObjectNode();
        frame.put("stream", stream);
        frame.set("data", data);
        send(stream, symbol, frame.toString());
    }

    /** Sends any text (a hostile frame) to the connections subscribed to the stream. */
    public void raw(String stream, String text) {
        sockets.forEach((socket, streams) -> {
            if (streams.contains(stream) && !socket.isClosed()) {
                socket.writeTextMessage(text);
            }
        });
    }

    private void send(String stream, String symbol, String text) {
        if (silent.contains(symbol)) {
            return;
        }
        List<String> frames = new ArrayList<>(3);
        if (reorder) {
            String previous = heldBack.put(symbol, text);
            if (previous == null) {
                return;
            }
            frames.add(text);
            frames.add(previous);
            heldBack.remove(symbol);
        } else {
            frames.add(text);
        }
        for (String f : frames) {
            raw(stream, f);
            if (duplicate) {
                raw(stream, f);
            }
        }
    }

    /** Closes every market stream connection (clients may reconnect at once). */
    public void dropConnections() {
        new ArrayList<>(sockets.keySet()).forEach(ServerWebSocket::close);
    }

    /** While on, upgrades are refused with 503 (and the caller drops the open ones with {@link #dropConnections()}). */
    public void refuseConnections(boolean on) {
        refuse = on;
    }

    /** A silent symbol's quotes are not sent: its stream stays open and says nothing. */
    public void silence(String symbol, boolean on) {
        if (on) {
            silent.add(symbol);
        } else {
            silent.remove(symbol);
        }
    }

    /** Every frame is sent twice. */
    public void duplicate(boolean on) {
        duplicate = on;
    }

    /** Every frame is held back and sent after the symbol's next frame. */
    public void reorder(boolean on) {
        reorder = on;
        if (!on) {
            heldBack.clear();
        }
    }

    /** Open market stream connections. */
    public int openConnections() {
        return (int) sockets.keySet().stream().filter(s -> !s.isClosed()).count();
    }

    /** Market stream connections accepted since start. */
    public int connectionsAccepted() {
        return connections.get();
    }
}
