package dev.rideops.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rideops.clients.ClientException;
import dev.rideops.clients.http.ClientTls;
import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.os.Executables;
import dev.rideops.stack.secrets.FlinkRestCertificates;
import dev.rideops.stack.secrets.Secrets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkTlsTest {

    @TempDir
    Path work;

    @TempDir
    Path user;

    private RideopsConfig load(Map<String, String> env) {
        return new ConfigLoader(env, work, user)
                .load(Optional.empty(), List.of())
                .withGeneratedSecrets();
    }

    private static StackSpec spec(RideopsConfig config) {
        return StackSpecs.from(config, new RuntimeLayout(Path.of("/opt/rideops")), () -> 0, 2, new Executables(""));
    }

    @Test
    void theLocalClusterIsHttpsWithTheStoresTheStackIssuedAndTheirGeneratedPasswords() {
        RideopsConfig config = load(Map.of());
        Path secrets = config.home().resolve("secrets");
        // what 'up' does: the stack issues the certificates with the same generated passwords
        Secrets stored = new Secrets(config.home());
        new FlinkRestCertificates(stored, stored::getOrCreate).ensure();

        Endpoints endpoints = Endpoints.from(config, spec(config));
        ClientTls tls = endpoints.flinkTls();

        assertThat(endpoints.flinkUrl()).startsWith("https://127.0.0.1:");
        assertThat(tls.keystore().file()).isEqualTo(secrets.resolve("flink-rest-client.p12"));
        assertThat(tls.truststore().file()).isEqualTo(secrets.resolve("flink-rest-truststore.p12"));
        assertThat(tls.keystore().password())
                .isEqualTo(stored.read(Secrets.FLINK_REST_CLIENT).orElseThrow())
                .isEqualTo(config.get(Setting.FLINK_CLIENT_KEYSTORE_PASSWORD));
        assertThat(config.origin(Setting.FLINK_TRUSTSTORE_PASSWORD)).endsWith("secrets/flink-rest-truststore");
        assertThat(tls.sslContext()).isNotNull();
        assertThat(tls.toString()).doesNotContain(tls.keystore().password());
        // config show and everything that prints a setting masks the passwords
        assertThat(Setting.FLINK_CLIENT_KEYSTORE_PASSWORD.shown(tls.keystore().password()))
                .isEqualTo("****");
    }

    @Test
    void aRemoteClusterOverHttpIsPlainAndOverHttpsUsesOnlyWhatIsSet() {
        assertThat(FlinkTls.of(
                        load(Map.of("RIDEOPS_FLINK_URL", "http://flink.example:8081")), "http://flink.example:8081"))
                .isNull();

        RideopsConfig bare = load(Map.of("RIDEOPS_FLINK_URL", "https://flink.example:8081"));
        ClientTls jdkDefaults = FlinkTls.of(bare, "https://flink.example:8081");
        assertThat(jdkDefaults.keystore()).as("no client certificate").isNull();
        assertThat(jdkDefaults.truststore()).as("the JDK's CAs").isNull();

        RideopsConfig own = load(Map.of(
                "RIDEOPS_FLINK_URL", "https://flink.example:8081",
                "RIDEOPS_FLINK_CLIENT_KEYSTORE", "~/certs/rideops.p12",
                "RIDEOPS_FLINK_CLIENT_KEYSTORE_PASSWORD", "client-pw",
                "RIDEOPS_FLINK_TRUSTSTORE", "/etc/flink/truststore.p12",
                "RIDEOPS_FLINK_TRUSTSTORE_PASSWORD", "trust-pw"));
        ClientTls tls = FlinkTls.of(own, "https://flink.example:8081");
        assertThat(tls.keystore().file()).isEqualTo(Path.of(System.getProperty("user.home"), "certs/rideops.p12"));
        assertThat(tls.keystore().password()).isEqualTo("client-pw");
        assertThat(tls.truststore().file()).isEqualTo(Path.of("/etc/flink/truststore.p12"));
        assertThat(tls.truststore().password()).isEqualTo("trust-pw");
        assertThat(tls.fix()).contains("flink.client-keystore").contains("flink.truststore");
    }

    @Test
    void aMissingOrWronglyLockedStoreNamesTheFileAndTheSettingToFix() {
        RideopsConfig never = load(Map.of());
        ClientTls local = Endpoints.from(never, spec(never)).flinkTls();
        assertThatThrownBy(local::sslContext)
                .isInstanceOf(ClientException.class)
                .hasMessageEndingWith("secrets/flink-rest-client.p12 does not exist")
                .satisfies(e -> assertThat(((ClientException) e).fix()).startsWith("'rideops up' creates"));

        Secrets stored = new Secrets(never.home());
        new FlinkRestCertificates(stored, stored::getOrCreate).ensure();
        RideopsConfig wrong = load(Map.of("RIDEOPS_FLINK_TRUSTSTORE_PASSWORD", "wrong"));
        assertThatThrownBy(() -> Endpoints.from(wrong, spec(wrong)).flinkTls().sslContext())
                .isInstanceOf(ClientException.class)
                .hasMessageContaining("Flink REST: cannot read the truststore")
                .hasMessageContaining("its password is wrong")
                .satisfies(e -> assertThat(((ClientException) e).fix())
                        .contains("unset flink.truststore-password (RIDEOPS_FLINK_TRUSTSTORE_PASSWORD)"));
    }

    /**
     * The stack's dashboard, running as its own user, can open neither the home's secrets nor its config: handed over
     * its copies of the stores and their passwords, it speaks the same mutual TLS (its cohort schedule).
     */
    @Test
    void aServiceOfItsOwnUserOpensItsCopiesOfTheLocalStoresWithTheHandedOverPasswords() throws Exception {
        RideopsConfig parent = load(Map.of());
        Secrets stored = new Secrets(parent.home());
        new FlinkRestCertificates(stored, stored::getOrCreate).ensure();
        Path conf = java.nio.file.Files.createDirectories(user.resolve("services/dashboard/conf"));

        Map<Setting, Path> stores = FlinkTls.storeFiles(parent);

        assertThat(stores)
                .containsOnly(
                        Map.entry(Setting.FLINK_CLIENT_KEYSTORE, stored.file(FlinkRestCertificates.CLIENT_STORE)),
                        Map.entry(Setting.FLINK_TRUSTSTORE, stored.file(FlinkRestCertificates.TRUSTSTORE)));
        List<FlagValue> copies = new java.util.ArrayList<>();
        for (Map.Entry<Setting, Path> store : stores.entrySet()) {
            Path copy = conf.resolve(store.getValue().getFileName());
            java.nio.file.Files.copy(store.getValue(), copy);
            copies.add(new FlagValue(store.getKey(), copy.toString(), "handed over"));
        }
        Path handover = conf.resolve("handover.json");
        java.nio.file.Files.writeString(
                handover,
                parent.completeHandover()
                        .withOnlySecrets(Setting.FLINK_CLIENT_KEYSTORE_PASSWORD, Setting.FLINK_TRUSTSTORE_PASSWORD)
                        .plus(copies)
                        .toJson());
        dev.rideops.stack.os.FileTrees.delete(stored.dir());

        RideopsConfig child =
                new ConfigLoader(Map.of(), conf, Path.of("/nonexistent")).load(ConfigHandover.take(handover));
        ClientTls tls = Endpoints.from(child, spec(child)).flinkTls();

        assertThat(tls.keystore().file()).isEqualTo(conf.resolve("flink-rest-client.p12"));
        assertThat(tls.truststore().file()).isEqualTo(conf.resolve("flink-rest-truststore.p12"));
        assertThat(tls.sslContext()).isNotNull();
        assertThat(FlinkTls.storeFiles(load(Map.of("RIDEOPS_FLINK_URL", "https://flink.example:8081"))))
                .as("a remote cluster without stores set")
                .isEmpty();
    }
}
