package dev.rideops.cli.config;

import dev.rideops.clients.http.ClientTls;
import dev.rideops.stack.secrets.FlinkRestCertificates;
import dev.rideops.stack.secrets.Secrets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How rideops speaks TLS to Flink's REST API, from the config: the one place for every client of it (deploy, job,
 * status, wait, bench, chaos, verify, the cohort batch). The local cluster asks for mutual TLS with the certificates
 * {@code up} made under {@code $RIDEOPS_HOME/secrets}; a remote {@code flink.url} over https uses
 * {@code flink.client-keystore} and {@code flink.truststore} when set (else no client certificate and the JDK's
 * CAs), and one over http none of it.
 */
public final class FlinkTls {

    private FlinkTls() {}

    /** The TLS of the REST API at {@code url} (the config's or the local one); null for plain http. */
    public static ClientTls of(RideopsConfig config, String url) {
        if (!url.startsWith("https://")) {
            return null;
        }
        boolean local = config.get(Setting.FLINK_URL).isBlank();
        Secrets secrets = new Secrets(config.home());
        ClientTls.Store keystore = Store.CLIENT_KEYSTORE.of(config, secrets, local);
        ClientTls.Store truststore = Store.TRUSTSTORE.of(config, secrets, local);
        String fix = local && config.get(Setting.FLINK_CLIENT_KEYSTORE).isBlank()
                ? "'rideops restart flink-jobmanager' if its certificates were issued again since it started; "
                        + "flink.client-keystore and flink.truststore must stay unset for the local cluster"
                : "check " + Setting.FLINK_CLIENT_KEYSTORE.key() + " and " + Setting.FLINK_TRUSTSTORE.key()
                        + " (and their -password settings) against the cluster's security.ssl.rest.* settings";
        return new ClientTls("Flink REST", keystore, truststore, fix);
    }

    /**
     * The store files the REST API's TLS opens, by the setting that names each: what a background service running as
     * its own user must get copies of (the dashboard's cohort schedule), as it cannot open the home's secrets.
     */
    public static Map<Setting, Path> storeFiles(RideopsConfig config) {
        boolean local = config.get(Setting.FLINK_URL).isBlank();
        Secrets secrets = new Secrets(config.home());
        Map<Setting, Path> files = new LinkedHashMap<>();
        for (Store store : List.of(Store.CLIENT_KEYSTORE, Store.TRUSTSTORE)) {
            Path path = store.path(config, secrets, local);
            if (path != null) {
                files.put(store.file(), path);
            }
        }
        return files;
    }

    /** One of the two stores: the settings that name a remote cluster's, the local one's files under secrets. */
    private record Store(Setting file, Setting password, String localFile, String generatedPassword, String what) {

        static final Store CLIENT_KEYSTORE = new Store(
                Setting.FLINK_CLIENT_KEYSTORE,
                Setting.FLINK_CLIENT_KEYSTORE_PASSWORD,
                FlinkRestCertificates.CLIENT_STORE,
                Secrets.FLINK_REST_CLIENT,
                "a PKCS12 keystore whose certificate the cluster's security.ssl.rest.truststore trusts");
        static final Store TRUSTSTORE = new Store(
                Setting.FLINK_TRUSTSTORE,
                Setting.FLINK_TRUSTSTORE_PASSWORD,
                FlinkRestCertificates.TRUSTSTORE,
                Secrets.FLINK_REST_TRUSTSTORE,
                "a PKCS12 truststore of the CA that signed the cluster's REST certificate");

        /** The store the config names, else the local cluster's; null: none (a remote cluster without one). */
        ClientTls.Store of(RideopsConfig config, Secrets secrets, boolean local) {
            Path path = path(config, secrets, local);
            if (path == null) {
                return null;
            }
            String set = config.get(file);
            // the local stores open with the passwords the stack generated (or the user's, when 'up' saw them)
            String fix = set.isBlank()
                    ? "'rideops up' creates the local Flink REST certificates ('rideops restart flink-jobmanager' "
                            + "issues missing ones again); this store opens with the password generated into "
                            + secrets.file(generatedPassword) + ": unset " + password.key() + " ("
                            + password.envName() + ") if you set it"
                    : "set " + file.key() + " to " + what + " and " + password.key() + " (" + password.envName()
                            + ") to its password";
            return new ClientTls.Store(path, config.get(password), fix);
        }

        /** The file the config names, else the local cluster's; null: none. */
        Path path(RideopsConfig config, Secrets secrets, boolean local) {
            String set = config.get(file);
            return !set.isBlank() ? expand(set) : local ? secrets.file(localFile) : null;
        }
    }

    private static Path expand(String path) {
        return path.startsWith("~/") ? Path.of(System.getProperty("user.home"), path.substring(2)) : Path.of(path);
    }
}
