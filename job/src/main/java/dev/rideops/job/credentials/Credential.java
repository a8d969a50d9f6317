package dev.rideops.job.credentials;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * A password the job looks up where it runs, on the TaskManager, when a sink connects or the registry is asked for
 * a schema (its own package: sinks and sources both use it): from a file given by path
 * (a remote cluster's secret mount), else from an environment variable (the local stack sets it). Only the path or
 * the variable's name travel in the job graph, never the password, so it is in no program argument, no job graph
 * the JobManager keeps, and no log.
 */
public final class Credential implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final String[] envVars;
    private final String literal;

    private Credential(String file, String[] envVars, String literal) {
        this.file = file;
        this.envVars = envVars;
        this.literal = literal;
    }

    /** For tests and embedded runs, where there is no process to hide it from. */
    public static Credential literal(String password) {
        return new Credential(null, null, password);
    }

    /**
     * @param file a path on the TaskManagers, or empty to read the first of {@code envVars} that is set (the
     *     search password: the job's own, else {@code ELASTIC_PASSWORD} as remote TaskManagers set it)
     */
    public static Credential fromFileOrEnv(String file, String... envVars) {
        return new Credential(file == null || file.isEmpty() ? null : file, envVars.clone(), null);
    }

    /** Where it is, as a Kafka config provider's parameters ({@link CredentialConfigProvider}): never the value. */
    public java.util.Map<String, String> providerParams() {
        if (literal != null) {
            throw new IllegalStateException("a literal password cannot be handed to a Kafka client's config provider");
        }
        java.util.Map<String, String> params = new java.util.TreeMap<>();
        if (file != null) {
            params.put("file", file);
        }
        if (envVars != null && envVars.length > 0) {
            // the variables in the order they are tried, comma-separated (no variable name holds a comma)
            params.put("env", String.join(",", envVars));
        }
        return params;
    }

    public static Credential fromProviderParams(java.util.Map<String, ?> params) {
        Object file = params.get("file");
        Object env = params.get("env");
        String[] envVars = env == null || env.toString().isEmpty()
                ? new String[0]
                : env.toString().split(",");
        return fromFileOrEnv(file == null ? null : file.toString(), envVars);
    }

    public String resolve() {
        return resolve(System.getenv()::get);
    }

    String resolve(Function<String, String> env) {
        if (literal != null) {
            return literal;
        }
        if (file != null) {
            try {
                return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalStateException(
                        "cannot read the password file " + file + " on this TaskManager (" + e.getMessage()
                                + "): fix the job's --*.password-file argument",
                        e);
            }
        }
        if (envVars != null) {
            for (String envVar : envVars) {
                String value = env.apply(envVar);
                if (value != null) {
                    return value;
                }
            }
        }
        return "";
    }

    /**
     * A basic auth header for {@code user} with this password, looked up now (so a corrected password file heals a
     * refused login without a restart); empty without a user, for a server that asks for none.
     */
    public Optional<String> basicAuthorization(String user) {
        if (user == null || user.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Basic "
                + Base64.getEncoder().encodeToString((user + ":" + resolve()).getBytes(StandardCharsets.UTF_8)));
    }

    /** Where it comes from, for messages: never the password. */
    @Override
    public String toString() {
        return literal != null ? "a literal" : file != null ? "file " + file : "$" + String.join(" or $", envVars);
    }
}
