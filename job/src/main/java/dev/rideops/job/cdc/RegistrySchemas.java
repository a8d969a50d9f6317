package dev.rideops.job.cdc;

import dev.rideops.contract.CdcAvro;
import dev.rideops.contract.JobArg;
import dev.rideops.contract.JobContract;
import dev.rideops.job.credentials.Credential;
import dev.rideops.job.credentials.TrustedCa;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The Avro schemas the registry holds, by the content id each record carries ({@link AvroChangeDecoder} asks once per
 * id: a table's schema changes rarely, so a job reads a handful in its life), read with a basic login as the job's
 * registry user (none without one), over https verified against the CA of {@code sslCa} when one is given (the local
 * registry with {@code security.tls}), else the JVM's trusted CAs. A registry that cannot be reached fails the read
 * (the job restarts and reads the record again, as for a broker it cannot reach), and so does one that refuses the
 * login, in one line naming what to fix: the record is good, only the job's password is wrong. An id the registry does
 * not know, or content that is not an Avro schema, makes the record malformed.
 */
public final class RegistrySchemas implements Serializable {

    private static final long serialVersionUID = 3L;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The registry's v3 REST API, e.g. {@code http://127.0.0.1:8080/apis/registry/v3}; empty: no registry. */
    private final String registryUrl;

    private final String user;
    /** Looked up on the TaskManager at each read: a corrected password file heals a refused login. */
    private final Credential password;
    /** A PEM file where the job runs (a path, never a secret); empty: the JVM's trusted CAs. */
    private final String sslCa;

    private transient HttpClient http;

    /**
     * @param user the job's registry user; empty: no login, for a registry without authentication
     * @param sslCa the CA an https registry is verified with ({@link JobArg#REGISTRY_SSL_CA}); empty: the JVM's
     *     trusted CAs
     */
    public RegistrySchemas(String registryUrl, String user, Credential password, String sslCa) {
        this.registryUrl = registryUrl.endsWith("/") ? registryUrl.substring(0, registryUrl.length() - 1) : registryUrl;
        this.user = user;
        this.password = password;
        this.sslCa = sslCa == null ? "" : sslCa;
    }

    /** No registry: JSON change events only. */
    public static RegistrySchemas none() {
        return new RegistrySchemas("", "", Credential.literal(""), "");
    }

    /** Whether a registry is configured ({@code cdc.format: avro}). */
    public boolean configured() {
        return !registryUrl.isEmpty();
    }

    public Schema byContentId(int contentId) throws MalformedEventException {
        if (http == null) {
            http = client();
        }
        URI uri = URI.create(registryUrl + CdcAvro.CONTENT_BY_ID + Integer.toUnsignedString(contentId));
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
        password.basicAuthorization(user).ifPresent(header -> request.header("Authorization", header));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + contentId + " from the registry at " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading schema " + contentId + " from " + uri, e);
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new IllegalStateException(refused(response.statusCode()));
        }
        if (response.statusCode() == 404) {
            throw new MalformedEventException("the registry at " + registryUrl + " has no schema " + contentId);
        }
        if (response.statusCode() != 200) {
            throw new UncheckedIOException(
                    new IOException("HTTP " + response.statusCode() + " from " + uri + " reading schema " + contentId));
        }
        try {
            return new Schema.Parser().parse(response.body());
        } catch (SchemaParseException e) {
            throw new MalformedEventException("schema " + contentId + " is not an Avro schema: " + e.getMessage());
        }
    }

    /**
     * Built on the TaskManager at the first read: with a CA file, trusting it alone (a file it cannot read stops the
     * job naming {@link JobArg#REGISTRY_SSL_CA}); the JDK's client checks the host name against the certificate.
     */
    private HttpClient client() {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(TIMEOUT);
        if (!sslCa.isEmpty()) {
            builder.sslContext(TrustedCa.sslContext(sslCa, "the schema registry", JobArg.REGISTRY_SSL_CA));
        }
        return builder.build();
    }

    /** What the job's owner must fix when the registry refuses it: nothing of the record is dead-lettered. */
    private String refused(int status) {
        String where = "the registry at " + registryUrl + " answered HTTP " + status;
        if (user.isEmpty()) {
            return where + " to the job, which sent no login: give it " + JobArg.REGISTRY_USER.flag()
                    + " (rideops: registry.job-user) and its password";
        }
        if (status == 403) {
            return where + ": the job's registry user '" + user + "' may not read schemas: give it the sr-readonly"
                    + " role (rideops's local registry does)";
        }
        return where + ": it refused the login of the job's registry user '" + user + "' with the password from "
                + password + ": set " + JobArg.REGISTRY_PASSWORD_FILE.flag() + " (else $"
                + JobContract.REGISTRY_PASSWORD_ENV + " on the TaskManagers; rideops: registry.job-password, or"
                + " when unset the secret registry-job) to that user's password; the job retries the record";
    }
}
