package dev.rideops.clients.connect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rideops.clients.ClientException;
import dev.rideops.clients.Poll;
import dev.rideops.clients.connect.ConnectRest.ConnectorStatus;
import dev.rideops.clients.connect.ConnectRest.TaskStatus;
import dev.rideops.clients.http.BasicAuth;
import dev.rideops.clients.http.ClientTls;
import dev.rideops.clients.http.Json;
import dev.rideops.clients.http.RestCalls;
import dev.rideops.contract.CdcContract;
import dev.rideops.contract.PostgresTls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Debezium PostgreSQL connector over the Kafka Connect REST API: created or updated in one idempotent PUT,
 * then waited for until it and its task run.
 */
public final class CdcConnector {

    private static final String RESTARTING = "RESTARTING";

    public static final String NAME = CdcContract.CONNECTOR_NAME;

    private final RestCalls connect;

    /** What a 401 from Connect says to fix: the settings rideops's login comes from. */
    static final String REFUSED_LOGIN_FIX =
            "set connect.user and connect.password (RIDEOPS_CONNECT_PASSWORD) to a login"
                    + " its REST API accepts, or unset connect.password to use the one generated in"
                    + " $RIDEOPS_HOME/secrets/connect (a local worker started with another one takes it on"
                    + " 'rideops restart connect')";

    /** @param login what Connect's REST API asks for (basic auth); none for a cluster that asks for nothing */
    public CdcConnector(String connectUrl, Optional<BasicAuth> login) {
        this(connectUrl, login, null);
    }

    /** @param tls how an https REST API is verified ({@code connect.ssl-ca}); null: the JDK's trusted CAs */
    public CdcConnector(String connectUrl, Optional<BasicAuth> login, ClientTls tls) {
        this.connect = new RestCalls(
                        connectUrl,
                        "Kafka Connect",
                        login.map(BasicAuth::user).orElse(""),
                        login.map(BasicAuth::password).orElse(""),
                        tls)
                .withLoginHint(REFUSED_LOGIN_FIX);
    }

    /** The key of the database password in the properties file the worker's {@code file} config provider reads. */
    public static final String PASSWORD_KEY = "database.password";

    /**
     * Where the connector reads from, as Connect sees the source database.
     *
     * @param password the password, or, better, a config provider's reference to it ({@link #fileReference}), so
     *     Connect's REST API, which returns connector configs as given, never shows it
     * @param tls how the connector verifies the server ({@code database.sslmode}, {@code database.sslrootcert}: a
     *     path as the workers see it)
     */
    public record Source(String host, int port, String database, String user, String password, PostgresTls tls) {
        @Override
        public String toString() {
            return user + "@" + host + ":" + port + "/" + database;
        }
    }

    /** {@code ${file:<path>:<key>}}: any secret of the connector config, resolved by the worker's config provider. */
    public static String fileReference(String propertiesFile, String key) {
        return "${file:" + propertiesFile + ":" + key + "}";
    }

    /** The connector config for a source database, with the settings that keep CDC latency low. */
    public static Map<String, String> config(Source source, int replication) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        c.put("plugin.name", "pgoutput");
        c.put("database.hostname", source.host());
        c.put("database.port", Integer.toString(source.port()));
        c.put("database.user", source.user());
        c.put(PASSWORD_KEY, source.password());
        c.put("database.dbname", source.database());
        source.tls().parameters().forEach((name, value) -> c.put("database." + name, value));
        c.put("topic.prefix", CdcContract.TOPIC_PREFIX);
        // The signal table is captured too: Debezium reads signals from the WAL (Connect drops its events below).
        List<String> captured = new ArrayList<>(CdcContract.TABLES);
        captured.add(CdcContract.SIGNAL_TABLE);
        c.put("table.include.list", String.join(",", captured));
        c.put("signal.data.collection", CdcContract.SIGNAL_TABLE);
        // Window marks are two INSERTs (Debezium's default, pinned): the replication role may insert there, not delete.
        c.put("incremental.snapshot.watermarking.strategy", "insert_insert");
        c.put("publication.name", CdcContract.PUBLICATION);
        // the admin owns the publication ('up' and deploy make it); the replication role may only read
        c.put("publication.autocreate.mode", "disabled");
        c.put("slot.name", CdcContract.SLOT);
        c.put("decimal.handling.mode", "string");
        // 50 ms instead of 500 ms: commit-to-Kafka median drops from ~700 ms to ~60 ms.
        c.put("poll.interval.ms", "50");
        c.put("heartbeat.interval.ms", "10000");
        c.put("topic.creation.default.replication.factor", Integer.toString(replication));
        c.put("topic.creation.default.partitions", "3");
        // Signals and snapshot window marks are for the connector only: no topic, nothing for the job to decode.
        c.put("transforms", "dropSignals");
        c.put("transforms.dropSignals.type", "org.apache.kafka.connect.transforms.Filter");
        c.put("transforms.dropSignals.predicate", "isSignal");
        c.put("predicates", "isSignal");
        c.put("predicates.isSignal.type", "org.apache.kafka.connect.transforms.predicates.TopicNameMatches");
        c.put(
                "predicates.isSignal.pattern",
                java.util.regex.Pattern.quote(CdcContract.topic(CdcContract.SIGNAL_TABLE)));
        return c;
    }

    /**
     * Creates or updates the connector; returns whether it existed before. The config is validated first (Debezium
     * connects to the database to do so), so a wrong password or host is reported and nothing is applied.
     */
    public boolean apply(Map<String, String> config) {
        validate(config);
        boolean existed = exists();
        connect.put("/connectors/" + NAME + "/config", config);
        return existed;
    }

    private void validate(Map<String, String> config) {
        Map<String, String> withName = new LinkedHashMap<>(config);
        withName.put("name", NAME);
        ConnectRest.Validation result = Json.convert(
                connect.put("/connector-plugins/" + config.get("connector.class") + "/config/validate", withName),
                ConnectRest.Validation.class);
        if (result.errorCount() == 0) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (ConnectRest.ConfigResult c : result.configs()) {
            if (c.value() != null && c.value().errors() != null) {
                c.value().errors().forEach(error -> problems.add(c.value().name() + ": " + error));
            }
        }
        throw new ClientException(
                "the CDC connector config is invalid (" + String.join("; ", problems) + ")",
                "check connector.database-user/-password and the source.* settings (connector.database-host/-port "
                        + "if Connect sees the database elsewhere)");
    }

    public boolean exists() {
        for (String name : Json.convert(connect.get("/connectors"), String[].class)) {
            if (NAME.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Restarts the connector's FAILED task, as an operator would after an outage outlasted Connect's retries;
     * returns whether one had failed.
     */
    public boolean restartFailedTask() {
        if (status().taskList().stream().anyMatch(TaskStatus::failed)) {
            restart(true);
            return true;
        }
        return false;
    }

    /** The connector and its tasks as Connect reports them; a one-line error when it is not registered. */
    public ConnectorState state() {
        requireExists();
        ConnectorStatus status = status();
        return new ConnectorState(
                NAME,
                status.state(),
                status.worker(),
                status.taskList().stream()
                        .map(t ->
                                new ConnectorState.Task(t.id(), t.state(), t.workerId(), t.failed() ? t.error() : null))
                        .toList());
    }

    /**
     * Restarts the connector instance and its tasks (Connect's {@code includeTasks}), or only what FAILED
     * ({@code onlyFailed}); Connect answers once the restart is scheduled, naming the parts it restarts RESTARTING.
     * Returns whether it restarts any.
     */
    public boolean restart(boolean onlyFailed) {
        requireExists();
        JsonNode plan =
                connect.post("/connectors/" + NAME + "/restart?includeTasks=true&onlyFailed=" + onlyFailed, Map.of());
        return plan != null && plan.findValuesAsText("state").contains(RESTARTING);
    }

    /**
     * Waits until a restart Connect has scheduled shows in its status. Its status is read back from a Kafka topic,
     * so right after the restart request it can still show the parts RUNNING from before; a wait for RUNNING begun
     * then would end at once. False if none showed in time (a restart can also be over before a poll sees it).
     */
    public boolean awaitRestartSeen(Duration timeout) {
        return Poll.every(Duration.ofMillis(100), timeout).until(() -> {
            ConnectorStatus status = status();
            return RESTARTING.equals(status.state())
                    || status.taskList().stream().anyMatch(t -> RESTARTING.equals(t.state()));
        });
    }

    /** Pauses the connector: it stops reading the replication slot (the WAL it needs is kept meanwhile). */
    public void pause() {
        requireExists();
        connect.put("/connectors/" + NAME + "/pause", Map.of());
    }

    public void resume() {
        requireExists();
        connect.put("/connectors/" + NAME + "/resume", Map.of());
    }

    /** The connector's config as Connect holds it (secrets as Connect shows them). */
    public Map<String, String> currentConfig() {
        requireExists();
        Map<String, String> config = new LinkedHashMap<>();
        connect.get("/connectors/" + NAME + "/config")
                .fields()
                .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        return config;
    }

    /** Waits until the connector is in {@code state} (RUNNING, PAUSED); false if it is not in time. */
    public boolean awaitState(String state, Duration timeout) {
        return Poll.every(Duration.ofMillis(500), timeout).until(() -> {
            ConnectorStatus status = status();
            return state.equals(status.state()) && status.taskList().stream().allMatch(t -> state.equals(t.state()));
        });
    }

    private void requireExists() {
        if (!exists()) {
            throw new ClientException(
                    "the CDC connector " + NAME + " is not registered in Kafka Connect at " + connect.base(),
                    "run 'rideops deploy --only connector'");
        }
    }

    /** Waits until the connector and its task are RUNNING; a FAILED one is reported with its error. */
    public void awaitRunning(Duration timeout) {
        AtomicReference<String> last = new AtomicReference<>("no status yet");
        boolean running = Poll.every(Duration.ofMillis(500), timeout).until(() -> {
            ConnectorStatus status;
            try {
                status = status();
            } catch (ClientException notYet) {
                last.set(notYet.getMessage());
                return false;
            }
            Optional<TaskStatus> failed =
                    status.taskList().stream().filter(TaskStatus::failed).findFirst();
            if (failed.isPresent()) {
                throw new ClientException(
                        "the CDC connector task FAILED: " + failed.get().error(),
                        "check source.* settings and 'rideops logs connect', then deploy again");
            }
            if ("FAILED".equals(status.state())) {
                throw new ClientException("the CDC connector FAILED", "see 'rideops logs connect'");
            }
            last.set("connector " + status.state() + ", " + status.taskList().size() + " task(s)");
            return status.running();
        });
        if (!running) {
            throw new ClientException(
                    "the CDC connector is not running after " + timeout.toSeconds() + "s (" + last.get() + ")",
                    "see 'rideops logs connect'");
        }
    }

    private ConnectorStatus status() {
        return connect.get("/connectors/" + NAME + "/status", ConnectorStatus.class);
    }
}
