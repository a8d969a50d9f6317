package dev.rideops.contract;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code cdc.format: avro}: how the connector's converter writes change events and how the job reads them back, in one
 * place, so the connector's settings and the job's decoder cannot drift apart (the job's tests run the converter with
 * these very settings).
 *
 * <p>The converter is Apicurio's 2.x {@code AvroConverter} (3.x's is not on Maven Central here). It speaks the
 * registry's v2 API, which Apicurio Registry 3.x keeps beside v3. Its defaults would put an 8-byte global id in record
 * headers; these settings put a zero byte, the schema's 4-byte content id and the Avro binary in the value itself (the
 * wire format of Apicurio 3.x and Confluent), and the job reads the schema by that id from the v3 API.
 */
public final class CdcAvro {

    /** Apicurio Registry's Avro converter: a Connect plugin beside Debezium's on the local worker. */
    public static final String CONVERTER = "io.apicurio.registry.utils.converter.AvroConverter";

    /** The first byte of every Avro value; a JSON change event never starts with it (its first byte is '{'). */
    public static final byte MAGIC = 0;

    /** The magic byte and the content id before the Avro binary. */
    public static final int HEADER_BYTES = 1 + Integer.BYTES;

    /** Where the v3 API serves a schema by its content id, after the API's root. */
    public static final String CONTENT_BY_ID = "/ids/contentIds/";

    private CdcAvro() {}

    /**
     * What {@code cdc.format: avro} adds to the connector config: the change events' values go through the registry's
     * converter, which registers each schema the first time it sees it. Keys stay JSON: the job reads only values,
     * and the tools that read keys need no registry.
     *
     * <p>The converter logs in with basic auth as {@code user} (none when empty: a registry without authentication):
     * with no {@code apicurio.auth.service.url} (OAuth), the 2.x converter sends its username and password as basic
     * auth on every request.
     *
     * @param registryUrl the registry's v3 REST API (what the job is given); the converter is pointed at its v2 twin
     * @param password the password, or, better, a worker config provider's reference to it, which Connect resolves
     *     before the converter sees it and its REST API never shows resolved
     */
    public static Map<String, String> valueConverter(String registryUrl, String user, String password) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("value.converter", CONVERTER);
        c.put("value.converter.apicurio.registry.url", v2(registryUrl));
        c.put("value.converter.apicurio.registry.auto-register", "true");
        c.put("value.converter.apicurio.registry.headers.enabled", "false");
        c.put("value.converter.apicurio.registry.id-handler", "io.apicurio.registry.serde.Legacy4ByteIdHandler");
        c.put("value.converter.apicurio.registry.use-id", "contentId");
        if (!user.isEmpty()) {
            c.put("value.converter.apicurio.auth.username", user);
            c.put("value.converter.apicurio.auth.password", password);
        }
        return c;
    }

    /**
     * The converter's key for the CA an https registry is verified with: a PEM file (one certificate) where the worker
     * runs. Not one of the converter's own {@code apicurio.registry.request.ssl.truststore.*} keys, which name a key
     * store of a type the JDK opens (JKS, PKCS12) and its password, but the key of the HTTP client beneath it
     * (Apicurio's common REST client 0.1.x, whose JDK client trusts the file's certificate and nothing else); the 2.x
     * registry client hands it every key it does not translate, unchanged. So the worker trusts the same public PEM
     * file as every other client of the stack, with no store or password to write.
     */
    public static final String CA_FILE = "value.converter.apicurio.rest.request.ssl.ca-bundle.location";

    /** What an https registry adds to the connector config: the converter trusts the CA of {@code caPem} alone. */
    public static Map<String, String> trustedCa(String caPem) {
        return Map.of(CA_FILE, caPem);
    }

    /** The v2 API beside a registry's v3 one ({@code .../apis/registry/v3} becomes {@code .../apis/registry/v2}). */
    static String v2(String v3Url) {
        String trimmed = v3Url.endsWith("/") ? v3Url.substring(0, v3Url.length() - 1) : v3Url;
        if (!trimmed.endsWith("/v3")) {
            throw new IllegalArgumentException("not a registry's v3 API (…/apis/registry/v3): " + v3Url);
        }
        return trimmed.substring(0, trimmed.length() - 1) + "2";
    }
}
