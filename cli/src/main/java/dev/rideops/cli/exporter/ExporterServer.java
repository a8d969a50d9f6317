package dev.rideops.cli.exporter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The exporter's HTTP endpoint, on 127.0.0.1 only: {@code /metrics} for Prometheus and a health path that collects
 * nothing. The JDK's own server: Prometheus's Java client is not among the libraries this build can fetch, and the
 * text format of a few gauges needs none. One thread, and a scrape within {@link #REUSE} of the last one gets its
 * answer again, so scrapers and probes that pile up cannot multiply the queries.
 */
public final class ExporterServer implements AutoCloseable {

    static final Duration REUSE = Duration.ofSeconds(5);

    private final HttpServer server;
    private final Supplier<String> metrics;
    private String lastText;
    private long lastAt;

    private ExporterServer(HttpServer server, Supplier<String> metrics) {
        this.server = server;
        this.metrics = metrics;
    }

    /** @throws java.net.BindException when something else holds the port */
    public static ExporterServer start(int port, String metricsPath, String healthPath, Supplier<String> metrics)
            throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        ExporterServer exporter = new ExporterServer(http, metrics);
        http.createContext(metricsPath, e -> exporter.answer(e, Exposition.CONTENT_TYPE, exporter.scrape()));
        http.createContext(healthPath, e -> exporter.answer(e, "text/plain; charset=utf-8", "ok\n"));
        http.createContext(
                "/",
                e -> exporter.answer(
                        e, "text/plain; charset=utf-8", "rideops pipeline exporter: metrics at " + metricsPath + "\n"));
        http.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rideops-exporter-http");
            t.setDaemon(true);
            return t;
        }));
        http.start();
        return exporter;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private synchronized String scrape() {
        long now = System.nanoTime();
        if (lastText == null || now - lastAt > REUSE.toNanos()) {
            lastText = metrics.get();
            lastAt = now;
        }
        return lastText;
    }

    private void answer(HttpExchange exchange, String contentType, String body) throws IOException {
        try {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(200, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
