package dev.rideops.job.sinks;

import dev.rideops.job.credentials.Credential;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.provider.ConfigProvider;

/**
 * A Kafka config provider that gives {@code ${rideops:password}} the job's Kafka password from where a
 * {@link Credential} says (a file on the machine, else an environment variable), so a client's
 * {@code sasl.jaas.config} names the password without holding it. Kafka instantiates it from the client's own
 * properties, inside the TaskManager or JobManager that runs the client.
 */
public final class CredentialConfigProvider implements ConfigProvider {

    static final String PASSWORD = "password";

    private Credential credential = Credential.literal("");

    @Override
    public void configure(Map<String, ?> configs) {
        credential = Credential.fromProviderParams(configs);
    }

    @Override
    public ConfigData get(String path) {
        return get(path, Set.of(PASSWORD));
    }

    @Override
    public ConfigData get(String path, Set<String> keys) {
        Map<String, String> data = new HashMap<>();
        if (keys.contains(PASSWORD)) {
            data.put(PASSWORD, credential.resolve());
        }
        return new ConfigData(data);
    }

    @Override
    public void close() {}
}
