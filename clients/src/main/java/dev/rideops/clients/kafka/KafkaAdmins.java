package dev.rideops.clients.kafka;

import dev.rideops.clients.ClientException;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Admin clients that give up within seconds, for checks that must not hang on a dead cluster. */
public final class KafkaAdmins {

    private KafkaAdmins() {}

    public static Admin create(KafkaAccess access) {
        Properties props = access.properties();
        // the client refuses an API timeout shorter than its request timeout
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return Admin.create(props);
    }

    /**
     * Logs in and asks for the cluster's nodes: a refused login, a denial or a cluster that does not answer is a
     * {@link ClientException} in one line.
     */
    public static void checkLogin(KafkaAccess access) {
        try (Admin admin = create(access)) {
            admin.describeCluster().nodes().get(15, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            ClientException refused = KafkaFailures.explain(e, access, "describe the cluster");
            if (refused != null) {
                throw refused;
            }
            throw new ClientException(
                    "Kafka at " + access.bootstrapServers() + " did not answer in time",
                    "check kafka.bootstrap-servers, kafka.security-protocol and that the brokers run");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted while logging in to Kafka", "try again");
        }
    }
}
