package dev.rideops.dashboard.server;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpServer;
import dev.rideops.clients.http.BasicAuth;
import dev.rideops.dashboard.data.PanelData;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The built-in dashboard: the JDK's HTTP server (no framework; the pages are static files and the data a few JSON
 * endpoints) serving the pages ({@link PageHandler}) and one JSON endpoint per panel ({@link ApiHandler}). It binds
 * the given address only; the stack gives it 127.0.0.1. Every path asks for the login (basic auth): the pages show
 * the business's figures and the API runs queries on the mart.
 */
public final class DashboardServer implements AutoCloseable {

    /** A few browsers refreshing every few seconds; each request is one short query. */
    private static final int THREADS = 4;

    /** What the browser's login prompt names. */
    static final String REALM = "rideops dashboard";

    private final HttpServer server;
    private final ExecutorService pool;

    private DashboardServer(HttpServer server, ExecutorService pool) {
        this.server = server;
        this.pool = pool;
    }

    /**
     * @param maxFreshnessSeconds past this, the pages show the data's freshness in red
     * @param login asked for on every path, pages, static files and API alike (HTTP basic auth; a browser asks for
     *     it once and sends it with every later request)
     */
    public static DashboardServer start(
            String host, int port, PanelData data, long maxFreshnessSeconds, BasicAuth login) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "rideops-dashboard");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        BasicAuthenticator authenticator = login.authenticator(REALM);
        server.createContext("/api/", new ApiHandler(data, maxFreshnessSeconds)).setAuthenticator(authenticator);
        server.createContext("/", new PageHandler()).setAuthenticator(authenticator);
        server.start();
        return new DashboardServer(server, pool);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(1);
        pool.shutdownNow();
    }
}
