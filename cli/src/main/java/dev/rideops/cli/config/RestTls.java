package dev.rideops.cli.config;

import dev.rideops.clients.http.ClientTls;
import dev.rideops.stack.Stack;
import java.nio.file.Path;

/**
 * How rideops's clients of Kafka Connect's REST API, of the search node and of the schema registry (the CLI's, the
 * background exporter's and dashboard's, the job's search sink and schema reads, Connect's Avro converter) reach them
 * over https: the local worker, node and registry serve https only with {@code security.tls}, verified against the
 * local CA's public copy; a remote https URL against {@code connect.ssl-ca} / {@code search.ssl-ca} /
 * {@code registry.ssl-ca}, else the JVM's trusted CAs. Plain http when TLS is off, as before.
 * As with {@link KafkaTls}, a stack started with TLS keeps it for the later commands of its home (stack.json).
 */
public final class RestTls {

    private RestTls() {}

    /** The local server's URL on {@code port}: https with {@code security.tls}. */
    public static String localUrl(RideopsConfig config, int port) {
        return (config.flag(Setting.SECURITY_TLS) ? "https" : "http") + "://127.0.0.1:" + port;
    }

    /** How Kafka Connect at {@code url} is verified: null for http, or for https with the JVM's CAs. */
    static ClientTls connect(RideopsConfig config, String url) {
        return of(config, url, "Kafka Connect", Setting.CONNECT_URL, Setting.CONNECT_SSL_CA, "connect");
    }

    /** How the search node at {@code url} is verified: null for http, or for https with the JVM's CAs. */
    static ClientTls search(RideopsConfig config, String url) {
        return of(config, url, "the search node", Setting.SEARCH_URL, Setting.SEARCH_SSL_CA, "search");
    }

    /**
     * The PEM file the search node is verified with, as the job gets it ({@code --search.ssl-ca}): {@code
     * search.ssl-ca}, else the local CA's with {@code security.tls} for the local node; empty: the JVM's CAs.
     */
    public static String searchCa(RideopsConfig config) {
        return ca(config, Setting.SEARCH_URL, Setting.SEARCH_SSL_CA);
    }

    /** The PEM file an https Connect REST API is verified with, as {@link #searchCa} (empty: the JVM's CAs). */
    public static String connectCa(RideopsConfig config) {
        return ca(config, Setting.CONNECT_URL, Setting.CONNECT_SSL_CA);
    }

    /** How the schema registry at {@code url} is verified: null for http, or for https with the JVM's CAs. */
    public static ClientTls registry(RideopsConfig config, String url) {
        return of(config, url, "the schema registry", Setting.REGISTRY_URL, Setting.REGISTRY_SSL_CA, "registry");
    }

    /**
     * The PEM file an https registry at {@code url} is verified with, as Connect's converter and the job get it (a
     * path where they run): {@code registry.ssl-ca}, else the local CA's with {@code security.tls} for the local
     * registry; empty for plain http, or for the JVM's CAs.
     */
    public static String registryCa(RideopsConfig config, String url) {
        return url.startsWith("https://") ? ca(config, Setting.REGISTRY_URL, Setting.REGISTRY_SSL_CA) : "";
    }

    private static String ca(RideopsConfig config, Setting url, Setting ca) {
        String set = config.get(ca);
        if (!set.isEmpty() || !config.get(url).isBlank() || !config.flag(Setting.SECURITY_TLS)) {
            return set;
        }
        return Stack.caCertificate(config.home(), config.rootsStack()).toString();
    }

    private static ClientTls of(
            RideopsConfig config, String url, String what, Setting urlSetting, Setting caSetting, String service) {
        String ca = ca(config, urlSetting, caSetting);
        if (!url.startsWith("https://") || ca.isEmpty()) {
            return null;
        }
        String fix = "set " + caSetting.key() + " (" + caSetting.envName() + ") to the PEM file of the CA that signed "
                + what + "'s certificate"
                + (config.get(urlSetting).isBlank()
                        ? "; the local " + service + " is issued one by the home's CA (" + ca + ") on 'rideops restart "
                                + service + "'"
                        : "");
        return ClientTls.trustingPem(what, Path.of(ca), fix);
    }
}
