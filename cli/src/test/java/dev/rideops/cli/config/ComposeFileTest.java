package dev.rideops.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker compose stack, read as files (no Docker engine here): it keeps the embedded stack's security and the
 * names of the settings rideops reads, and its rideops.yaml agrees with it.
 */
class ComposeFileTest {

    private static final Path DIR =
            Path.of("..", "stack", "compose").toAbsolutePath().normalize();

    /** {@code ${NAME}}, {@code ${NAME:-default}} or {@code ${NAME:?message}}, as docker compose interpolates. */
    private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z0-9_]+)(?:(:-|:\\?)([^}]*))?}");

    @TempDir
    Path home;

    private static String text(String file) throws IOException {
        return Files.readString(DIR.resolve(file));
    }

    private static JsonNode services() throws IOException {
        return new ObjectMapper(new YAMLFactory())
                .readTree(text("docker-compose.yml"))
                .get("services");
    }

    @Test
    void everyPublishedPortListensOnLoopbackOnly() throws IOException {
        List<String> ports = new ArrayList<>();
        services().forEach(service -> service.path("ports").forEach(port -> ports.add(port.asText())));

        assertThat(ports)
                .hasSizeGreaterThanOrEqualTo(8)
                .allMatch(port -> port.startsWith("127.0.0.1:"), "on 127.0.0.1");
    }

    @Test
    void theRegistryAsksForALoginAndGivesEachUserOnlyItsRole() throws IOException {
        JsonNode registry = services().get("schema-registry");
        JsonNode env = registry.get("environment");
        String script = registry.get("command").get(0).asText();

        assertThat(registry.get("image").asText()).doesNotContain("latest").matches(".*:\\d+\\.\\d+\\.\\d+");
        assertThat(env.get("QUARKUS_HTTP_AUTH_BASIC").asText()).isEqualTo("true");
        assertThat(env.get("APICURIO_AUTH_ROLE_BASED_AUTHORIZATION").asText()).isEqualTo("true");
        assertThat(env.get("APICURIO_CONFIG_DYNAMIC_ALLOW_ALL").asText()).isEqualTo("false");
        assertThat(env.get("QUARKUS_SECURITY_USERS_EMBEDDED_PLAIN_TEXT").asText())
                .isEqualTo("false");
        assertThat(script)
                .contains("$$RIDEOPS_REGISTRY_CONNECT_USER\" \"$$RIDEOPS_REGISTRY_CONNECT_PASSWORD\" sr-developer")
                .contains("$$RIDEOPS_REGISTRY_JOB_USER\" \"$$RIDEOPS_REGISTRY_JOB_PASSWORD\" sr-readonly")
                .doesNotContain("sr-admin");
        // the realm's users are digests of the embedded stack's form (RegistryService), loaded from that file
        assertThat(env.get("QUARKUS_SECURITY_USERS_EMBEDDED_ALGORITHM").asText())
                .isEqualTo("digest-sha-512");
        assertThat(script)
                .contains("%s:Quarkus:%s")
                .contains("> " + env.get("QUARKUS_CONFIG_LOCATIONS").asText());
    }

    @Test
    void connectsRestApiAsksForALoginAndItsConnectorSecretsAreFileReferences() throws IOException {
        JsonNode env = services().get("connect").get("environment");

        assertThat(env.get("CONNECT_REST_EXTENSION_CLASSES").asText())
                .isEqualTo("org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension");
        assertThat(env.get("CONNECT_CONFIG_PROVIDERS_FILE_CLASS").asText())
                .isEqualTo("org.apache.kafka.common.config.provider.FileConfigProvider");
        // the image's entrypoint prints every CONNECT_* setting but those it is told are sensitive
        Set<String> sensitive = Arrays.stream(
                        env.get("SENSITIVE_PROPERTIES").asText().split(","))
                .map(String::trim)
                .collect(Collectors.toSet());
        List<String> jaas = new ArrayList<>();
        env.fieldNames().forEachRemaining(name -> {
            if (name.startsWith("CONNECT_") && name.endsWith("_JAAS_CONFIG")) {
                jaas.add(name);
            }
        });
        assertThat(sensitive).containsAll(jaas);
        assertThat(jaas).contains("CONNECT_ADMIN_SASL_JAAS_CONFIG");
    }

    @Test
    void everyRideopsVariableTheComposeFileReadsIsASettingsOwnName() throws IOException {
        Set<String> names = Arrays.stream(Setting.values())
                .flatMap(s ->
                        java.util.stream.Stream.concat(java.util.stream.Stream.of(s.envName()), s.aliases().stream()))
                .collect(Collectors.toSet());

        assertThat(defaults().keySet()).isNotEmpty().allMatch(names::contains, "a setting's variable");
    }

    @Test
    void rideopsYamlGivesEverySettingItSetsTheValueTheComposeFileDefaultsItTo() throws IOException {
        RideopsConfig config =
                new ConfigLoader(Map.of(), home, home).load(Optional.of(DIR.resolve("rideops.yaml")), List.of());
        Map<String, String> defaults = defaults();
        int compared = 0;

        for (Setting setting : Setting.values()) {
            String inCompose = defaults.get(setting.envName());
            if (inCompose != null && config.origin(setting).startsWith("file")) {
                assertThat(config.get(setting)).as(setting.key()).isEqualTo(inCompose);
                compared++;
            }
        }

        assertThat(compared).as("settings both set").isGreaterThanOrEqualTo(8);
        assertThat(config.get(Setting.REGISTRY_URL)).isEqualTo("http://schema-registry:8080/apis/registry/v3");
        // the Connect container writes the files rideops.yaml names, where its config provider may read
        String compose = text("docker-compose.yml");
        assertThat(compose)
                .contains("> " + config.get(Setting.CONNECTOR_PASSWORD_FILE))
                .contains("> " + config.get(Setting.CONNECTOR_REGISTRY_PASSWORD_FILE));
    }

    /** Each RIDEOPS_* variable the compose file reads, with its default (empty when required); one default each. */
    private static Map<String, String> defaults() throws IOException {
        Map<String, String> defaults = new HashMap<>();
        Matcher m = VARIABLE.matcher(text("docker-compose.yml") + text("avro.yml"));
        while (m.find()) {
            if (!m.group(1).startsWith("RIDEOPS_")) {
                continue;
            }
            String value = ":-".equals(m.group(2)) ? m.group(3) : "";
            String before = defaults.putIfAbsent(m.group(1), value);
            assertThat(before == null || before.equals(value))
                    .as(m.group(1) + " has one default, not " + before + " and " + value)
                    .isTrue();
        }
        return defaults;
    }
}
