package dev.rideops.job.cdc;

import dev.rideops.contract.CdcAvro;
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
 * id: a table's schema changes rarely, so a job reads a handful in its life). A registry that cannot be reached fails the read (the job
 * restarts and reads the record again, as for a broker it cannot reach); an id the registry does not know, or content
 * that is not an Avro schema, makes the record malformed.
 */
public final class RegistrySchemas implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The registry's v3 REST API, e.g. {@code http://127.0.0.1:8080/apis/registry/v3}. */
    private final String registryUrl;

    private transient HttpClient http;

    public RegistrySchemas(String registryUrl) {
        this.registryUrl = registryUrl.endsWith("/") ? registryUrl.substring(0, registryUrl.length() - 1) : registryUrl;
    }

    public Schema byContentId(int contentId) throws MalformedEventException {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        }
        URI uri = URI.create(registryUrl + CdcAvro.CONTENT_BY_ID + Integer.toUnsignedString(contentId));
        HttpResponse<String> response;
        try {
            response = http.send(
                    HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + contentId + " from the registry at " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading schema " + contentId + " from " + uri, e);
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
}
