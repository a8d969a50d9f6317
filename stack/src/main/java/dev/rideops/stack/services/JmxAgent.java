package dev.rideops.stack.services;

import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.secrets.Secrets;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * The Prometheus JMX exporter ({@code jmx_prometheus_javaagent}) as a Java agent in one service's JVM: a broker,
 * Connect or the search node. It serves the MBeans its rules file ({@code monitoring/jmx/<rules>.yml} of the
 * checkout) keeps, and the JVM's own metrics, on 127.0.0.1 only, to one login: the agent's config, written into
 * the service's conf on every start (0600, the service user's), holds the rules and that login as a salted SHA-256
 * hash, never the password, which Prometheus reads from a file of its own.
 *
 * <p>The agent starts in {@code premain}, before the service's main class; when it cannot (its port is taken, its
 * config does not parse) it ends the JVM, so the service fails its start with the agent's message in its log.
 */
public final class JmxAgent {

    /** The agent's config in the service's conf directory. */
    static final String CONFIG_FILE = "jmx-exporter.yml";

    /** What the agent 1.0.1 calls the hash in {@code httpServer.authentication.basic.algorithm}. */
    static final String ALGORITHM = "SHA-256";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RuntimeLayout runtimes;
    private final String rules;
    private final int port;
    private final String user;
    private final Supplier<String> password;

    /**
     * @param rules the rules file's name under monitoring/jmx without {@code .yml} ({@code kafka}, {@code connect},
     *     {@code search})
     * @param password looked up at each start (a secret of the home)
     */
    public JmxAgent(RuntimeLayout runtimes, String rules, int port, String user, Supplier<String> password) {
        this.runtimes = runtimes;
        this.rules = rules;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    public int port() {
        return port;
    }

    /**
     * Writes the agent's config into {@code conf}: the checkout's rules, then the login. Returns the file, for the
     * service to give to its user.
     */
    Path writeConfig(Path conf) throws IOException {
        agentJar();
        Path rulesFile = runtimes.jmxRules(rules);
        if (!Files.isRegularFile(rulesFile)) {
            throw new IOException(
                    "the JMX exporter rules are missing: " + rulesFile + " (is rideops run from its checkout?)");
        }
        String text = Files.readString(rulesFile);
        if (text.lines().anyMatch(line -> line.startsWith("httpServer:"))) {
            throw new IOException(rulesFile + " sets httpServer, where rideops writes the agent's login: remove it");
        }
        Path file = conf.resolve(CONFIG_FILE);
        Secrets.writeOwnerOnly(file, config(text, user, password.get()));
        return file;
    }

    /** The rules with the login appended; a fresh salt each time, so the file never repeats a hash. */
    static String config(String rulesText, String user, String password) {
        if (password.isEmpty()) {
            throw new IllegalArgumentException("the JMX exporter's password is empty");
        }
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        // hex: nothing YAML or the agent would read otherwise
        String salt = HexFormat.of().formatHex(bytes);
        StringBuilder yaml = new StringBuilder(rulesText);
        if (!rulesText.endsWith("\n")) {
            yaml.append('\n');
        }
        // the user setting allows [A-Za-z0-9._-] only, so single quotes need no escaping
        return yaml.append("# written by rideops: the one login this agent accepts (basic auth), as a salted hash\n")
                .append("httpServer:\n  authentication:\n    basic:\n      username: '")
                .append(user)
                .append("'\n      passwordHash: '")
                .append(passwordHash(salt, password))
                .append("'\n      algorithm: ")
                .append(ALGORITHM)
                .append("\n      salt: '")
                .append(salt)
                .append("'\n")
                .toString();
    }

    /**
     * The hash as the agent 1.0.1 computes it to compare ({@code MessageDigestAuthenticator}): SHA-256 of
     * {@code salt:password} in UTF-8, written as an unsigned number in lower-case hex, so without leading zeros.
     */
    static String passwordHash(String salt, String password) {
        try {
            byte[] digest = MessageDigest.getInstance(ALGORITHM)
                    .digest((salt + ":" + password).getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, digest).toString(16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no " + ALGORITHM, e);
        }
    }

    /** The JVM option that loads the agent: {@code -javaagent:<jar>=127.0.0.1:<port>:<config>}. */
    String jvmOption(Path conf) throws IOException {
        return "-javaagent:" + agentJar() + "=127.0.0.1:" + port + ":" + conf.resolve(CONFIG_FILE);
    }

    private Path agentJar() throws IOException {
        return runtimes.jmxAgent()
                .orElseThrow(() -> new IOException("the JMX exporter agent is not built ("
                        + runtimes.lib(RuntimeLayout.JMX_EXPORTER) + " has no jmx_prometheus_javaagent jar): run "
                        + runtimes.buildCommand()));
    }
}
