package dev.rideops.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CdcAvroTest {

    @Test
    void valuesGoThroughTheRegistrysConverterInTheContentIdWireFormatAndKeysStayJson() {
        Map<String, String> avro = CdcAvro.valueConverter("http://127.0.0.1:8080/apis/registry/v3", "", "");

        assertThat(avro)
                .containsEntry("value.converter", "io.apicurio.registry.utils.converter.AvroConverter")
                // the 2.x converter speaks the v2 API
                .containsEntry("value.converter.apicurio.registry.url", "http://127.0.0.1:8080/apis/registry/v2")
                .containsEntry("value.converter.apicurio.registry.auto-register", "true")
                .containsEntry("value.converter.apicurio.registry.headers.enabled", "false")
                .containsEntry("value.converter.apicurio.registry.use-id", "contentId");
        assertThat(avro.keySet()).allMatch(key -> key.startsWith("value.converter"));
        assertThat(CdcAvro.valueConverter("https://schemas.example/apis/registry/v3/", "", ""))
                .containsEntry("value.converter.apicurio.registry.url", "https://schemas.example/apis/registry/v2");
        assertThatThrownBy(() -> CdcAvro.valueConverter("http://schemas.example/apis/registry/v2", "", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("v3");
        // no login given: none sent (a registry without authentication)
        assertThat(avro.keySet()).noneMatch(key -> key.contains("auth"));
    }

    @Test
    void theConverterLogsInWithBasicAuthAsTheUserGiven() {
        Map<String, String> avro = CdcAvro.valueConverter(
                "http://127.0.0.1:8080/apis/registry/v3",
                "registry-connect",
                "${file:/s/registry.properties:password}");

        assertThat(avro)
                .containsEntry("value.converter.apicurio.auth.username", "registry-connect")
                .containsEntry("value.converter.apicurio.auth.password", "${file:/s/registry.properties:password}")
                // an auth service URL would make it fetch OAuth tokens instead
                .doesNotContainKey("value.converter.apicurio.auth.service.url");
    }

    @Test
    void anHttpsRegistryIsVerifiedAgainstThePemFileNamedByTheRestClientsCaBundleKey() {
        // the key of Apicurio's common REST client (ApicurioClientConfig), which the 2.x registry client passes on
        assertThat(CdcAvro.trustedCa("/home/u/.rideops/services/tls/ca.pem"))
                .containsExactly(Map.entry(
                        "value.converter.apicurio.rest.request.ssl.ca-bundle.location",
                        "/home/u/.rideops/services/tls/ca.pem"));
    }
}
