package dev.rideops.cli.exporter;

import com.sun.net.httpserver.HttpHandler;
import dev.rideops.clients.http.BasicAuth;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The exporter's HTTP endpoint, on 127.0.0.1 only: the Prometheus Java client's server, with {@code /metrics} (text
 * or OpenMetrics, as the scraper asks) and {@code /-/healthy}, which collects nothing. One thread, and a scrape
 * within {@link #REUSE} of the last one gets its figures again, so scrapers and probes that pile up cannot multiply
 * the queries against the mart and Kafka. Every other path goes to one handler (Alertmanager's webhook). Every path
 * asks for the login (basic auth) that the stack's Prometheus and Alertmanager send; without it a request gets 401,
 * collects nothing and logs nothing.
 */
public final class ExporterServer implements AutoCloseable {

    static final Duration REUSE = Duration.ofSeconds(5);

    static final String REALM = "rideops exporter";

    private final HTTPServer server;

    private ExporterServer(HTTPServer server) {
        this.server = server;
    }

    /**
     * @param metricsPath where Prometheus scrapes; the health path is the client's own {@code /-/healthy}
     * @param login what every request must carry
     * @param otherPaths what answers the paths but the metrics and health ones, in place of the client's landing page
     * @throws java.net.BindException when something else holds the port
     */
    public static ExporterServer start(
            int port, String metricsPath, Supplier<Gauges> metrics, BasicAuth login, HttpHandler otherPaths)
            throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new Reused(metrics));
        HTTPServer http = HTTPServer.builder()
                .inetAddress(InetAddress.getLoopbackAddress())
                .port(port)
                .metricsHandlerPath(metricsPath)
                .registry(registry)
                .defaultHandler(otherPaths)
                // the client puts it on every path it serves, /-/healthy too
                .authenticator(login.authenticator(REALM))
                .executorService(Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "rideops-exporter-http");
                    t.setDaemon(true);
                    return t;
                }))
                .buildAndStart();
        return new ExporterServer(http);
    }

    public int port() {
        return server.getPort();
    }

    /** Collects on a scrape, unless the last collection is younger than {@link #REUSE}. */
    private static final class Reused implements MultiCollector {

        private final Supplier<Gauges> metrics;
        private MetricSnapshots last;
        private long lastAt;

        Reused(Supplier<Gauges> metrics) {
            this.metrics = metrics;
        }

        @Override
        public synchronized MetricSnapshots collect() {
            long now = System.nanoTime();
            if (last == null || now - lastAt > REUSE.toNanos()) {
                last = metrics.get().snapshots();
                lastAt = now;
            }
            return last;
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
