package dev.rideops.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** rideops' version and the versions of the services it runs, filled in by the build. */
public final class VersionProvider implements IVersionProvider {

    /** rideops' and the services' versions by name (version, postgres, kafka, debezium, flink, opensearch). */
    public static Properties versions() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/rideops-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // a build without the file reports unknown versions
        }
        return p;
    }

    @Override
    public String[] getVersion() {
        Properties p = versions();
        return new String[] {
            "rideops " + p.getProperty("version", "unknown"),
            "  PostgreSQL " + p.getProperty("postgres", "?") + ", Kafka " + p.getProperty("kafka", "?")
                    + ", Debezium " + p.getProperty("debezium", "?") + ", Flink " + p.getProperty("flink", "?")
                    + ", OpenSearch runner " + p.getProperty("opensearch", "?"),
            "  Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
        };
    }
}
