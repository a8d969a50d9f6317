package dev.rideops.cli.it;

import dev.rideops.clients.kafka.KafkaUsers;
import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.Stack;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.lifecycle.Service;
import dev.rideops.stack.os.CurrentUser;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** Just the real source PostgreSQL of a {@link Rideops} home, started through the stack's own lifecycle. */
final class SourceDatabase implements AutoCloseable {

    private final Service service;
    private final Rideops rideops;
    private final int port;

    SourceDatabase(Rideops rideops) {
        this.port = rideops.sourcePort();
        StackSpec spec = new StackSpec(
                rideops.home(),
                new RuntimeLayout(Rideops.DIST),
                new StackSpec.Postgres(Rideops.ADMIN, port, rideops.reportingPort(), 4096),
                new StackSpec.Kafka(
                        1,
                        rideops.kafkaPort(),
                        rideops.kafkaPort() + 1,
                        256,
                        72,
                        1024,
                        "lz4",
                        0,
                        StackSpec.Kafka.DEFAULT_SASL_MECHANISM,
                        KafkaUsers.defaults()),
                new StackSpec.Connect(rideops.connectPort(), 256, "rideops"),
                new StackSpec.Flink(
                        rideops.flinkPort(),
                        rideops.flinkPort() + 1,
                        rideops.flinkPort() + 2,
                        rideops.flinkMetricsPort(),
                        1,
                        1,
                        512,
                        512),
                new StackSpec.Search(
                        rideops.searchPort(),
                        rideops.searchPort() + 1,
                        256,
                        new StackSpec.SearchUsers("elastic", "rideops_search_writer", "rideops_search_reader")),
                new StackSpec.Logs(50, 4),
                new StackSpec.Monitoring(
                        null,
                        rideops.prometheusPort(),
                        "1d",
                        null,
                        rideops.alertmanagerPort(),
                        rideops.exporterPort(),
                        "prometheus",
                        15,
                        rideops.jmxPort(),
                        "prometheus"),
                StackSpec.NativeProperties.none(),
                new StackSpec.Dashboard(rideops.dashboardPort(), "rideops"),
                false,
                null);
        // the superuser's password is the home's generated secret, which 'rideops generate' then reads too
        this.rideops = rideops;
        this.service =
                new Stack(spec, CurrentUser.isRoot()).service(Stack.SOURCE_DB).orElseThrow();
    }

    SourceDatabase start() throws Exception {
        service.start();
        service.awaitHealthy(Duration.ofSeconds(60));
        return this;
    }

    Connection connect() throws SQLException {
        return rideops.admin(port, "ride_hailing_db");
    }

    long count(String sql) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() {
        service.stop(Duration.ofSeconds(20));
    }
}
