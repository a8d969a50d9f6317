package dev.rideops.scenarios;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the load profiles shipped in {@code scenarios/load/}: the volume presets and the named scenarios. A
 * scenario can also be a path to a user's own YAML file of the same shape.
 */
public final class Profiles {

    /** The shipped scenarios, in the order {@code --list-scenarios} shows them. */
    public static final List<String> SCENARIOS =
            List.of("steady", "surge", "bad-weather", "network-latency", "drivers-offline", "corrections");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new SimpleModule().addDeserializer(Duration.class, new DurationDeserializer()));

    private Profiles() {}

    public static VolumeProfile volume(Volume volume) {
        JsonNode all = readResource("load/volumes.yaml");
        JsonNode node = all.get(volume.toString());
        if (node == null) {
            throw new IllegalStateException("volumes.yaml has no preset " + volume);
        }
        return convert(node, VolumeProfile.class, "volume " + volume);
    }

    public static List<LoadScenario> scenarios() {
        List<LoadScenario> result = new ArrayList<>();
        for (String name : SCENARIOS) {
            result.add(scenario(name));
        }
        return result;
    }

    /** The shipped bench workloads. */
    public static final List<String> WORKLOADS = List.of("sustained-5k", "ramp-1k-5k", "smoke");

    /** A shipped bench workload by name, or a YAML file by path. */
    public static BenchWorkload workload(String nameOrPath) {
        return convert(
                named(nameOrPath, WORKLOADS, "bench", "workload"), BenchWorkload.class, "workload " + nameOrPath);
    }

    /** A shipped file of {@code directory} by name, or a user's YAML file by path. */
    private static JsonNode named(String nameOrPath, List<String> shipped, String directory, String what) {
        String name = nameOrPath.toLowerCase(Locale.ROOT);
        if (shipped.contains(name)) {
            return readResource(directory + "/" + name + ".yaml");
        }
        if (nameOrPath.endsWith(".yaml") || nameOrPath.endsWith(".yml")) {
            Path file = Path.of(nameOrPath);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(what + " file " + file + " does not exist");
            }
            try {
                return YAML.readTree(file.toFile());
            } catch (IOException e) {
                throw new IllegalArgumentException(what + " file " + file + " is not valid YAML: "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + nameOrPath + "'; known: "
                + String.join(", ", shipped) + " (or a path to a .yaml file)");
    }

    /** The shipped fault scenarios, in the order {@code chaos --list} shows them. */
    public static final List<String> FAULTS = List.of(
            "kill-broker",
            "kill-taskmanager",
            "kill-jobmanager",
            "restart-connect",
            "kill-source-db",
            "kill-search",
            "restart-reporting-db",
            "pause-connect",
            "pause-taskmanager",
            "pause-broker",
            "pause-search",
            "schema-add-column",
            "schema-add-column-default",
            "schema-widen-type",
            "schema-add-table",
            "schema-rename-column",
            "latency-source-db",
            "blackhole-source-db",
            "partition-source-db",
            "reset-source-db",
            "bandwidth-source-db",
            "latency-kafka",
            "partition-reporting-db",
            "blackhole-search",
            "schema-drop-column",
            "schema-rename-read-column");

    /** A shipped fault by name, or a YAML file by path. */
    public static FaultScenario fault(String nameOrPath) {
        JsonNode node = named(nameOrPath, FAULTS, "faults", "fault");
        if (node instanceof ObjectNode fields && !fields.hasNonNull("name")) {
            // a user's file may leave the name out: its file name says which fault it is
            fields.put("name", String.valueOf(Path.of(nameOrPath).getFileName()).replaceFirst("\\.ya?ml$", ""));
        }
        return convert(node, FaultScenario.class, "fault " + nameOrPath);
    }

    /** A shipped scenario by name, or a YAML file by path. */
    public static LoadScenario scenario(String nameOrPath) {
        String name = nameOrPath.toLowerCase(Locale.ROOT);
        String fallbackName = SCENARIOS.contains(name)
                ? name
                : String.valueOf(Path.of(nameOrPath).getFileName());
        return parseScenario(named(nameOrPath, SCENARIOS, "load", "scenario"), fallbackName);
    }

    private static LoadScenario parseScenario(JsonNode node, String fallbackName) {
        ObjectNode withDefaults = YAML.valueToTree(LoadScenario.STEADY);
        withDefaults.put("name", fallbackName);
        withDefaults.put("description", "");
        if (node != null && node.isObject()) {
            withDefaults.setAll((ObjectNode) node);
        }
        return convert(withDefaults, LoadScenario.class, "scenario " + fallbackName);
    }

    private static <T> T convert(JsonNode node, Class<T> type, String what) {
        try {
            return YAML.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is invalid: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is invalid: " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e.getMessage();
    }

    private static JsonNode readResource(String file) {
        String path = "/scenarios/" + file;
        try (InputStream in = Profiles.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Durations in scenario files are written as users write them on the command line ({@link DurationText}). */
    private static final class DurationDeserializer extends StdScalarDeserializer<Duration> {

        private static final long serialVersionUID = 1L;

        DurationDeserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            try {
                return DurationText.parse(p.getValueAsString());
            } catch (IllegalArgumentException e) {
                throw ctxt.weirdStringException(p.getValueAsString(), Duration.class, e.getMessage());
            }
        }
    }
}
