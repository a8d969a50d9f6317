package dev.rideops.clients.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rideops.clients.ClientException;
import dev.rideops.clients.Poll;
import dev.rideops.clients.http.RestCalls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Kibana's saved-objects import, once Kibana says it is ready ({@code POST /api/saved_objects/_import?overwrite=true}, the ndjson file as a
 * multipart part named {@code file}, header {@code kbn-xsrf}), as Kibana 8 documents it. Overwrite makes a repeated
 * deploy replace rideops's objects by their ids rather than fail on conflicts. Untested against a real Kibana: none
 * can be fetched on the reference machines.
 */
public final class KibanaSavedObjects {

    static final String IMPORT = "/api/saved_objects/_import?overwrite=true";

    /** Kibana 8 takes a minute or two to answer after its container starts (compose up, then deploy at once). */
    static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final RestCalls kibana;
    private final Duration readyTimeout;

    /** @param user empty for a Kibana without security; else the user Kibana logs in with (basic auth) */
    public KibanaSavedObjects(String url, String user, String password) {
        this(url, user, password, READY_TIMEOUT);
    }

    KibanaSavedObjects(String url, String user, String password, Duration readyTimeout) {
        this.kibana = new RestCalls(url, "Kibana", user, password);
        this.readyTimeout = readyTimeout;
    }

    /** Waits until {@code /api/status} answers 200 (503 while Kibana starts), failing with the last answer. */
    void awaitReady() {
        String[] last = {"no answer"};
        boolean ready = Poll.every(Duration.ofSeconds(2), readyTimeout).until(() -> {
            try {
                kibana.probe("/api/status");
                return true;
            } catch (IOException e) {
                last[0] = e.getMessage();
                return false;
            }
        });
        if (!ready) {
            throw new ClientException(
                    "Kibana at " + kibana.base() + " did not answer /api/status within " + readyTimeout.toSeconds()
                            + " s (" + last[0] + ")",
                    fix());
        }
    }

    /**
     * Imports the objects of {@code ndjson}, replacing those of the same ids, and answers how many Kibana imported.
     * Kibana answers 200 even when objects fail (a missing reference, an unknown type): that is an error here too,
     * naming the first failure.
     */
    public int importNdjson(String fileName, String ndjson) {
        long objects = ndjson.lines().filter(l -> !l.isBlank()).count();
        awaitReady();
        JsonNode answer;
        try {
            answer = kibana.postFile(
                    IMPORT,
                    "file",
                    fileName,
                    "application/ndjson",
                    ndjson.getBytes(StandardCharsets.UTF_8),
                    Map.of("kbn-xsrf", "true"));
        } catch (ClientException e) {
            throw new ClientException(e.getMessage(), fix());
        }
        if (!answer.path("success").asBoolean(false)) {
            JsonNode errors = answer.path("errors");
            JsonNode first = errors.path(0);
            throw new ClientException(
                    "Kibana at " + kibana.base() + " imported "
                            + answer.path("successCount").asInt(0) + " of "
                            + objects + " saved objects; " + errors.size() + " failed, the first "
                            + first.path("type").asText("?") + " "
                            + first.path("id").asText("?") + ": "
                            + first.path("error").path("type").asText("unknown error"),
                    "check that Kibana is version 8 or newer and answers at search.kibana-url, then run "
                            + "'rideops deploy --only kibana' again");
        }
        return answer.path("successCount").asInt();
    }

    private String fix() {
        return "check that Kibana runs at search.kibana-url (" + kibana.base() + "); with security on, search.user and "
                + "search.password must log in to Kibana; or set search.kibana-url empty to skip the import";
    }
}
