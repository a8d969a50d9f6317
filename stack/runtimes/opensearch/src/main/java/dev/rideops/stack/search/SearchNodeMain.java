package dev.rideops.stack.search;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * Runs one OpenSearch node (Elasticsearch REST API) in this JVM until the process is told to stop.
 * Usage: {@code SearchNodeMain --base-path DIR --http-port N --transport-port N --cluster-name NAME --users-file F
 * [--tls-key-store PEM]}. Every REST request must log in as a user of the users file ({@link BasicAuthPlugin}); with a
 * key store the REST port speaks https only ({@link TlsHttpPlugin}).
 */
public final class SearchNodeMain {

    private SearchNodeMain() {}

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = parse(args);
        String basePath = required(options, "base-path");
        int httpPort = Integer.parseInt(required(options, "http-port"));
        String transportPort = required(options, "transport-port");
        String clusterName = options.getOrDefault("cluster-name", "rideops");
        Properties userSettings = userSettings(options.get("settings-file"));
        String usersFile = required(options, "users-file");
        String tlsKeyStore = options.get("tls-key-store");

        OpenSearchRunner runner = new OpenSearchRunner();
        // The runner searches upwards from its base port for a free one and caps it at maxHttpPort:
        // pinning both to the configured port makes a busy port fail instead of drifting.
        runner.setMaxHttpPort(httpPort);
        runner.onBuild((index, settings) -> {
            settings.put("network.host", "127.0.0.1");
            settings.put("discovery.type", "single-node");
            settings.put("transport.port", transportPort);
            // Absolute free space rather than OpenSearch's percentages: on a large, mostly full disk of a dev box
            // 95 % used can still leave tens of GB. Below "high" a new day's index gets no shard; below
            // "flood_stage" every index turns read-only (and writable again once space is back above "high"),
            // so the node stops indexing before the disk that Kafka and PostgreSQL share with it is full.
            settings.put("cluster.routing.allocation.disk.threshold_enabled", true);
            settings.put("cluster.routing.allocation.disk.watermark.low", "2gb");
            settings.put("cluster.routing.allocation.disk.watermark.high", "1gb");
            settings.put("cluster.routing.allocation.disk.watermark.flood_stage", "512mb");
            settings.put("action.auto_create_index", true);
            // The node runs the parallel collector (SearchNode): its heap fills with garbage until a collection, and
            // the parent circuit breaker on the heap's real use (95 %) would refuse bulk requests with 429 on garbage
            // alone (OpenSearch collects first only under G1). The breaker counts what requests account for instead.
            settings.put("indices.breaker.total.use_real_memory", false);
            // search.settings from rideops.yaml: what rideops does not model, applied last so it wins
            userSettings.stringPropertyNames().forEach(key -> settings.put(key, userSettings.getProperty(key)));
            // after the user's settings: no search.settings entry may turn authentication off
            settings.put(BasicAuthPlugin.USERS_FILE.getKey(), usersFile);
            if (tlsKeyStore != null) {
                // after the user's settings too: https only, no search.settings entry brings plain http back
                settings.put("http.type", TlsHttpPlugin.HTTP_TYPE);
                settings.put(TlsHttpPlugin.KEY_STORE.getKey(), tlsKeyStore);
            }
        });
        runner.build(OpenSearchRunner.newConfigs()
                .basePath(basePath)
                .numOfNode(1)
                .baseHttpPort(httpPort - 1)
                .pluginTypes(
                        tlsKeyStore == null
                                ? BasicAuthPlugin.class.getName()
                                : BasicAuthPlugin.class.getName() + "," + TlsHttpPlugin.class.getName())
                .clusterName(clusterName));
        // Readiness is the service probe's job (cluster yellow, with the stack's start timeout): the runner's own
        // ensureYellow gives up after 30 s and exits, which after a crash is shorter than replaying the translog.
        System.out.println("rideops search node started on " + (tlsKeyStore == null ? "http" : "https")
                + "://127.0.0.1:" + httpPort);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                runner.close();
                            } catch (IOException e) {
                                System.err.println("search node did not close cleanly: " + e);
                            }
                            stopped.countDown();
                        },
                        "search-node-shutdown"));
        stopped.await();
    }

    private static Properties userSettings(String file) {
        Properties settings = new Properties();
        if (file == null) {
            return settings;
        }
        try (Reader reader = Files.newBufferedReader(Path.of(file))) {
            settings.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the search settings " + file, e);
        }
        return settings;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return value;
    }
}
