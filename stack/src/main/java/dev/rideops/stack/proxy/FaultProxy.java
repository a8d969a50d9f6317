package dev.rideops.stack.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A TCP proxy on one named link (a loopback port to a target), for network faults between real components: the
 * kernel here has no {@code netem}, so latency, bandwidth limits, partitions and resets are made in user space, on
 * the bytes. The fault can be changed while connections are open ({@link #set}); {@link LinkFault#NONE} restores the
 * link exactly. Two threads per connection, one per direction, so a delayed direction never holds up the other.
 */
public final class FaultProxy implements AutoCloseable {

    private static final int CHUNK = 16 * 1024;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final long HOLD_POLL_MS = 20;

    private final String name;
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Set<Pair> open = ConcurrentHashMap.newKeySet();
    private volatile LinkFault fault = LinkFault.NONE;
    private volatile boolean closed;

    private FaultProxy(String name, ServerSocket server, InetSocketAddress target) {
        this.name = name;
        this.server = server;
        this.target = target;
    }

    /** Listens on {@code 127.0.0.1:listenPort} (0: any free port, for tests) and passes connections to the target. */
    public static FaultProxy start(String name, int listenPort, String targetHost, int targetPort) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort));
        FaultProxy proxy = new FaultProxy(name, server, new InetSocketAddress(targetHost, targetPort));
        daemon(proxy::acceptLoop, "fault-proxy-" + name).start();
        return proxy;
    }

    public String name() {
        return name;
    }

    public int port() {
        return server.getLocalPort();
    }

    public LinkFault fault() {
        return fault;
    }

    /** Sets the link's fault; a partition that refuses, or a reset, resets the connections open now. */
    public void set(LinkFault newFault) {
        fault = newFault;
        if (newFault instanceof LinkFault.Reset || newFault instanceof LinkFault.Partition p && !p.blackhole()) {
            open.forEach(Pair::reset);
        }
    }

    /** Connections open through the proxy now. */
    public int openConnections() {
        return open.size();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        open.forEach(Pair::close);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            LinkFault now = fault;
            if (now instanceof LinkFault.Reset || now instanceof LinkFault.Partition p && !p.blackhole()) {
                resetQuietly(client);
                continue;
            }
            daemon(() -> connect(client), "fault-proxy-" + name + "-connect").start();
        }
    }

    private void connect(Socket client) {
        Socket upstream = new Socket();
        try {
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            upstream.connect(target, (int) CONNECT_TIMEOUT.toMillis());
        } catch (IOException e) {
            resetQuietly(client);
            closeQuietly(upstream);
            return;
        }
        Pair pair = new Pair(client, upstream);
        open.add(pair);
        daemon(() -> pump(pair, client, upstream), "fault-proxy-" + name + "-up")
                .start();
        daemon(() -> pump(pair, upstream, client), "fault-proxy-" + name + "-down")
                .start();
    }

    /** Copies one direction, applying the fault as it is when each chunk is read. */
    private void pump(Pair pair, Socket from, Socket to) {
        byte[] buffer = new byte[CHUNK];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                pass(n);
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput(); // a clean end travels on as one
        } catch (IOException e) {
            pair.close();
            return;
        }
        pair.endedOneWay();
    }

    /**
     * Waits as the fault asks before a chunk is passed on. A blackhole holds it until the partition ends, as TCP
     * would keep retransmitting it: nothing arrives meanwhile, yet the stream is intact if the peers wait it out.
     */
    private void pass(int bytes) {
        LinkFault now = fault;
        while (now instanceof LinkFault.Partition p && p.blackhole() && !closed) {
            sleep(HOLD_POLL_MS);
            now = fault;
        }
        if (now instanceof LinkFault.Latency l) {
            long jitter = l.jitter().toMillis();
            long wait = l.latency().toMillis()
                    + (jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitter, jitter + 1));
            sleep(wait);
        } else if (now instanceof LinkFault.Bandwidth b) {
            sleep(bytes * 1000L / b.bytesPerSecond());
        }
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** SO_LINGER 0 makes close send a RST: the peer sees "connection reset", not a clean end. */
    private static void resetQuietly(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (SocketException e) {
            // closed already
        }
        closeQuietly(s);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closed already
        }
    }

    /** Both ends of one proxied connection. */
    private final class Pair {
        private final Socket client;
        private final Socket upstream;
        private int ended;

        Pair(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void reset() {
            resetQuietly(client);
            resetQuietly(upstream);
            open.remove(this);
        }

        void close() {
            closeQuietly(client);
            closeQuietly(upstream);
            open.remove(this);
        }

        synchronized void endedOneWay() {
            if (++ended == 2) {
                close();
            }
        }
    }
}
