package dev.rideops.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the Maven build laid out each service's runtime: {@code stack/runtimes/<component>/target/lib} under the
 * rideops checkout (the "dist" directory the launcher passes as {@code -Drideops.dist}).
 */
public record RuntimeLayout(Path dist) {

    /** The Prometheus JMX exporter's Java agent, which the brokers, Connect and the search node load. */
    public static final String JMX_EXPORTER = "jmx-exporter";

    /** Apicurio Registry's packaged application (quarkus-run.jar and its directories), for cdc.format avro. */
    public static final String REGISTRY = "registry";

    /** Apicurio's Avro converter, a Connect plugin beside Debezium's, for cdc.format avro. */
    public static final String AVRO_CONVERTER = "avro-converter";

    /** Components whose artifacts the build fetches, one Maven module each under stack/runtimes. */
    public static final List<String> COMPONENTS =
            List.of("postgres", "kafka", "connect", "debezium", "flink", "opensearch", JMX_EXPORTER);

    public Path lib(String component) {
        return dist.resolve("stack/runtimes").resolve(component).resolve("target/lib");
    }

    public Path classes(String component) {
        return dist.resolve("stack/runtimes").resolve(component).resolve("target/classes");
    }

    /**
     * Built once its lib holds a jar; the converter's only with the module's own jar, which holds the ServiceLoader
     * manifest Connect finds it by: a lib an older build laid out without it starts a Connect that cannot load it.
     */
    public boolean isBuilt(String component) {
        Path lib = lib(component);
        if (!Files.isDirectory(lib)) {
            return false;
        }
        String prefix = component.equals(AVRO_CONVERTER) ? "rideops-runtime-" + AVRO_CONVERTER + "-" : "";
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.map(p -> p.getFileName().toString())
                    .anyMatch(name -> name.startsWith(prefix) && name.endsWith(".jar"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The alert rules the local Prometheus loads, read from the checkout (not a build output), so an edited rule
     * applies at the next start of Prometheus.
     */
    public Path alertRules() {
        return dist.resolve("monitoring/rules/rideops.rules.yml");
    }

    /**
     * The JMX exporter's rules for one service ({@code kafka}, {@code connect}, {@code search}), read from the
     * checkout like {@link #alertRules()}: an edited rule applies at the service's next start.
     */
    public Path jmxRules(String service) {
        return dist.resolve("monitoring/jmx").resolve(service + ".yml");
    }

    /** The JMX exporter agent's jar the build laid out ({@code jmx_prometheus_javaagent-*.jar}), if it exists. */
    public java.util.Optional<Path> jmxAgent() {
        Path lib = lib(JMX_EXPORTER);
        if (!Files.isDirectory(lib)) {
            return java.util.Optional.empty();
        }
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(p -> p.getFileName().toString().matches("jmx_prometheus_javaagent-.*\\.jar"))
                    .findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** The shaded job jar the build made ({@code job/target/rideops-job-*.jar}), if it exists. */
    public java.util.Optional<Path> jobJar() {
        Path target = dist.resolve("job/target");
        if (!Files.isDirectory(target)) {
            return java.util.Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("rideops-job-.*\\.jar"))
                    .findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * The command that builds missing runtimes, for error messages: as the launcher builds, without the registry
     * and its converter, which only a stack with cdc.format avro needs ({@link #avroBuildCommand()}).
     */
    public String buildCommand() {
        return "cd " + dist + " && ./mvnw -q -DskipTests -Drideops.noAvro package";
    }

    /**
     * The command that builds {@link #REGISTRY} and {@link #AVRO_CONVERTER} alone: the build's {@code avro} profile,
     * which the launcher's build leaves out (the registry is a 158 MB archive no JSON stack needs).
     */
    public String avroBuildCommand() {
        return "cd " + dist + " && ./mvnw -q -Pavro -pl stack/runtimes/" + REGISTRY + ",stack/runtimes/"
                + AVRO_CONVERTER + " package";
    }

    /**
     * Finds the rideops checkout: the {@code rideops.dist} system property set by the launcher, else
     * {@code RIDEOPS_DIST}, else the nearest ancestor of the working directory holding stack/runtimes.
     */
    public static RuntimeLayout locate() {
        String property = System.getProperty("rideops.dist");
        if (property != null && !property.isBlank()) {
            return new RuntimeLayout(Path.of(property).toAbsolutePath().normalize());
        }
        String env = System.getenv("RIDEOPS_DIST");
        if (env != null && !env.isBlank()) {
            return new RuntimeLayout(Path.of(env).toAbsolutePath().normalize());
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("stack/runtimes"))) {
                return new RuntimeLayout(dir);
            }
        }
        return new RuntimeLayout(Path.of("").toAbsolutePath());
    }
}
