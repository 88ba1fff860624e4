package io.positrack.infra.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

/**
 * A TCP proxy on the loopback interface, in front of PostgreSQL or a Kafka broker, that a test can turn into a
 * network fault: {@link #cutAll()} resets every live connection, {@link #down()} refuses new ones until {@link #up()},
 * {@link #blackHole()} accepts and reads but forwards nothing until {@link #heal()}, and {@link #delay(Duration)} holds
 * every chunk for a while before forwarding it.
 *
 * <p>Blocking sockets with two platform threads per connection: the proxies carry test traffic, a few dozen
 * connections at most. Only loopback addresses are accepted as the target, and the proxy listens on loopback only.
 *
 * <p>A Kafka broker advertises its own address, and clients connect to that after bootstrapping; a proxy in front of
 * a broker therefore needs the broker to advertise the proxy's port (see {@code KafkaNode}'s advertised listeners).
 */
public final class FaultProxy implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FaultProxy.class);

    private final InetSocketAddress target;
    private final int port;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile ServerSocket listener;
    private volatile boolean blackHoled;
    private volatile long delayNanos;
    private volatile boolean closed;

    private FaultProxy(InetSocketAddress target, ServerSocket listener) {
        this.target = target;
        this.listener = listener;
        this.port = listener.getLocalPort();
    }

    /** A proxy on a free loopback port forwarding to {@code localhost:targetPort}. */
    public static FaultProxy to(int targetPort) {
        return to(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
    }

    public static FaultProxy to(InetSocketAddress target) {
        if (!target.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("The fault proxy only forwards to loopback, not to " + target);
        }
        FaultProxy proxy = new FaultProxy(target, bindBelowEphemeralRange());
        proxy.acceptIn(proxy.listener);
        return proxy;
    }

    /** The loopback port clients connect to instead of the target's. */
    public int port() {
        return port;
    }

    /** Connections accepted since the proxy started. */
    public int acceptedConnections() {
        return accepted.get();
    }

    /** Connections open at the moment. */
    public int liveConnections() {
        return links.size();
    }

    /** Resets every live connection on both sides, as a failed-over server or a broken network would. */
    public void cutAll() {
        int count = 0;
        for (Link link : links) {
            link.reset();
            count++;
        }
        LOG.infof("Fault proxy :%d cut %d connections", port, count);
    }

    /** Stops listening: new connections are refused (the clients see "connection refused"); live ones go on. */
    public synchronized void down() {
        ServerSocket current = listener;
        if (current != null) {
            listener = null;
            closeQuietly(current);
            LOG.infof("Fault proxy :%d down", port);
        }
    }

    /** Listens again on the same port after {@link #down()}. */
    public synchronized void up() {
        if (listener == null && !closed) {
            listener = bind(port);
            acceptIn(listener);
            LOG.infof("Fault proxy :%d up", port);
        }
    }

    /** Accepts and reads but forwards nothing, in either direction, until {@link #heal()}: a stalled network. */
    public void blackHole() {
        blackHoled = true;
        LOG.infof("Fault proxy :%d black-holed", port);
    }

    /** Forwards again what the black hole held back, and everything after it. */
    public void heal() {
        synchronized (gate) {
            blackHoled = false;
            gate.notifyAll();
        }
        LOG.infof("Fault proxy :%d healed", port);
    }

    /** Holds every chunk of data this long before forwarding it; {@link Duration#ZERO} for none. */
    public void delay(Duration delay) {
        delayNanos = delay.toNanos();
    }

    @Override
    public synchronized void close() {
        closed = true;
        down();
        heal();
        cutAll();
    }

    /**
     * A listening port outside the kernel's ephemeral range. While the proxy is {@link #down()}, nothing listens on
     * its port; were the port an ephemeral one, a client's connection to it could be given that very port as its own
     * source port and connect to itself (TCP self-connect on loopback), so "down" would not look down. Seen once in
     * FaultProxyTest.
     */
    private static ServerSocket bindBelowEphemeralRange() {
        int low = ephemeralLow();
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 10_000 + random.nextInt(Math.max(1, low - 10_000));
            try {
                return bind(port);
            } catch (UncheckedIOException taken) {
                // Someone else has it: try another.
            }
        }
        return bind(0);
    }

    private static int ephemeralLow() {
        try {
            String range = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    private static ServerSocket bind(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("Fault proxy cannot listen on port " + port, e);
        }
    }

    private void acceptIn(ServerSocket socket) {
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    accepted.incrementAndGet();
                    connect(client);
                } catch (IOException e) {
                    // Closed by down() or close(): the loop ends.
                }
            }
        }, "fault-proxy-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void connect(Socket client) {
        Socket server = new Socket();
        try {
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
            server.connect(target, 5_000);
        } catch (IOException e) {
            // The target is away: the client sees its connection closed, as it would if the server refused it.
            closeQuietly(server);
            resetQuietly(client);
            return;
        }
        Link link = new Link(client, server);
        links.add(link);
        pump(link, client, server, "up");
        pump(link, server, client, "down");
    }

    private void pump(Link link, Socket from, Socket to, String direction) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    holdWhileFaulty();
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // Either side went away, or cutAll() reset the link.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                link.close();
                links.remove(link);
            }
        }, "fault-proxy-" + port + "-" + direction);
        thread.setDaemon(true);
        thread.start();
    }

    /** Blocks the pump while the proxy is black-holed, then for the configured delay: the fault is the waiting. */
    private void holdWhileFaulty() throws InterruptedException {
        synchronized (gate) {
            while (blackHoled) {
                gate.wait();
            }
        }
        long delay = delayNanos;
        if (delay > 0) {
            TimeUnit.NANOSECONDS.sleep(delay);
        }
    }

    private static void resetQuietly(Socket socket) {
        try {
            // Linger 0: close sends RST, so the peer fails at once instead of reading an orderly end of stream.
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // Already closed.
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // Nothing to do: the point was to close it.
        }
    }

    /** One proxied connection: the client's socket and ours to the target. */
    private record Link(Socket client, Socket server) {

        void reset() {
            resetQuietly(client);
            resetQuietly(server);
        }

        void close() {
            closeQuietly(client);
            closeQuietly(server);
        }
    }
}
