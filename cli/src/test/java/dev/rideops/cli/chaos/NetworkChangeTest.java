package dev.rideops.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rideops.cli.config.ConfigLoader;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.config.StackSpecs;
import dev.rideops.cli.error.UsageException;
import dev.rideops.scenarios.NetworkFault;
import dev.rideops.scenarios.Profiles;
import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.os.Executables;
import dev.rideops.stack.proxy.LinkFault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Each shipped network fault becomes the proxy fault its data names; each link puts its proxies in front of the
 * server its client reaches, and redeploys only that client through them.
 */
class NetworkChangeTest {

    private static RideopsConfig config(Map<String, String> env) {
        return new ConfigLoader(env, Path.of("/tmp"), Path.of("/tmp/user")).load(Optional.empty(), List.of());
    }

    private static StackSpec spec(RideopsConfig config) {
        return StackSpecs.from(
                config, new RuntimeLayout(Path.of("/opt/rideops")), () -> 20_000, 2, new Executables(""));
    }

    @Test
    void theShippedNetworkFaultsBecomeTheProxyFaultsTheyName() {
        assertThat(NetworkChange.linkFault(Profiles.fault("latency-source-db").network()))
                .isEqualTo(new LinkFault.Latency(Duration.ofMillis(200), Duration.ofMillis(50)));
        assertThat(NetworkChange.linkFault(Profiles.fault("blackhole-source-db").network()))
                .isEqualTo(new LinkFault.Partition(true));
        assertThat(NetworkChange.linkFault(Profiles.fault("partition-source-db").network()))
                .isEqualTo(new LinkFault.Partition(false));
        assertThat(NetworkChange.linkFault(Profiles.fault("reset-source-db").network()))
                .isInstanceOf(LinkFault.Reset.class);
        assertThat(NetworkChange.linkFault(Profiles.fault("bandwidth-source-db").network()))
                .isEqualTo(new LinkFault.Bandwidth(65_536));
        assertThat(NetworkChange.describe(Profiles.fault("latency-source-db").network()))
                .isEqualTo("latency 200 ms +- 50 ms");
    }

    @Test
    void theKafkaLinkHasAProxyPerBrokerOnTheAdvertisedPortsAndTheJobBootstrapsThroughThem() {
        RideopsConfig config = config(Map.of("RIDEOPS_KAFKA_BROKERS", "3", "RIDEOPS_KAFKA_PROXY_PORT", "19092"));
        StackSpec spec = spec(config);
        NetworkFault kafka = Profiles.fault("latency-kafka").network();

        assertThat(NetworkChange.routes(kafka, config, spec))
                .containsExactly(
                        new NetworkChange.Route(19092, "127.0.0.1", 19095),
                        new NetworkChange.Route(19093, "127.0.0.1", 19096),
                        new NetworkChange.Route(19094, "127.0.0.1", 19097));
        RideopsConfig proxied = NetworkChange.throughProxies(kafka, config, spec, List.of(19092, 19093, 19094), "t");
        assertThat(proxied.get(Setting.JOB_KAFKA_BOOTSTRAP_SERVERS))
                .isEqualTo("127.0.0.1:19092,127.0.0.1:19093,127.0.0.1:19094");
        // rideops's own clients (lag, dead letters) stay on the plain listener, so they measure, not suffer
        assertThat(proxied.get(Setting.KAFKA_BOOTSTRAP_SERVERS)).isEmpty();
        assertThat(proxied.get(Setting.CONNECTOR_DATABASE_PORT)).isEmpty();
    }

    @Test
    void aKafkaFaultOnAStackWithoutTheProxiedListenerIsRefusedWithHowToGetOne() {
        RideopsConfig config = config(Map.of());
        assertThatThrownBy(() -> NetworkChange.check(Profiles.fault("latency-kafka"), spec(config)))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("needs the brokers' proxied listener");
        // the other links need nothing of the stack's shape
        NetworkChange.check(Profiles.fault("partition-reporting-db"), spec(config));
        NetworkChange.check(Profiles.fault("blackhole-search"), spec(config));
    }

    /**
     * The connector's link to the source: the proxy goes in front of the server the connector reads now (its own
     * host and port when set, else the source's), and only the connector is pointed at it: the generator and verify
     * keep the source's address, and the config the run started with, which it redeploys the connector with
     * afterwards, still points straight at the server. (ChaosIT runs this fault under load with {@code -Plong}.)
     */
    @Test
    void theSourceLinkPointsOnlyTheConnectorAtAProxyInFrontOfTheServerItReads() {
        RideopsConfig config = config(Map.of("RIDEOPS_SOURCE_PORT", "15432"));
        StackSpec spec = spec(config);
        NetworkFault source = Profiles.fault("latency-source-db").network();

        assertThat(NetworkChange.routes(source, config, spec))
                .containsExactly(new NetworkChange.Route(0, "localhost", 15432));
        RideopsConfig proxied = NetworkChange.throughProxies(source, config, spec, List.of(40003), "t");
        assertThat(proxied.get(Setting.CONNECTOR_DATABASE_HOST)).isEqualTo("127.0.0.1");
        assertThat(proxied.get(Setting.CONNECTOR_DATABASE_PORT)).isEqualTo("40003");
        assertThat(proxied.get(Setting.SOURCE_PORT)).isEqualTo("15432");
        assertThat(config.get(Setting.CONNECTOR_DATABASE_PORT)).isNotEqualTo("40003");

        RideopsConfig ownAddress = config(Map.of(
                "RIDEOPS_SOURCE_PORT", "15432",
                "RIDEOPS_CONNECTOR_DATABASE_HOST", "10.0.0.5",
                "RIDEOPS_CONNECTOR_DATABASE_PORT", "6432"));
        assertThat(NetworkChange.routes(source, ownAddress, spec(ownAddress)))
                .containsExactly(new NetworkChange.Route(0, "10.0.0.5", 6432));
    }

    @Test
    void theReportingAndSearchLinksPointOnlyTheJobAtAProxyInFrontOfTheirServer() {
        RideopsConfig config = config(Map.of("RIDEOPS_REPORTING_PORT", "15433", "RIDEOPS_SEARCH_PORT", "19200"));
        StackSpec spec = spec(config);
        NetworkFault reporting = Profiles.fault("partition-reporting-db").network();
        NetworkFault search = Profiles.fault("blackhole-search").network();

        assertThat(NetworkChange.routes(reporting, config, spec))
                .containsExactly(new NetworkChange.Route(0, "localhost", 15433));
        assertThat(NetworkChange.throughProxies(reporting, config, spec, List.of(40001), "t")
                        .get(Setting.JOB_REPORTING_URL))
                .isEqualTo("jdbc:postgresql://127.0.0.1:40001/reporting_db");
        assertThat(NetworkChange.routes(search, config, spec))
                .containsExactly(new NetworkChange.Route(0, "127.0.0.1", 19200));
        assertThat(NetworkChange.throughProxies(search, config, spec, List.of(40002), "t")
                        .get(Setting.JOB_SEARCH_URL))
                .isEqualTo("http://127.0.0.1:40002");
        assertThat(NetworkChange.throughProxies(search, config, spec, List.of(40002), "t")
                        .get(Setting.SEARCH_URL))
                .isEmpty();
    }
}
