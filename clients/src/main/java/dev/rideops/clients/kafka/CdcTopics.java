package dev.rideops.clients.kafka;

import dev.rideops.clients.ClientException;
import dev.rideops.contract.CdcContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * Creates the CDC topics (one per captured table) and the dead-letter topic before the connector and the job need
 * them, with the partitions asked for and a replication factor the cluster can hold (up to 3). Existing topics are
 * left as they are, and reported when they have fewer partitions than asked.
 */
public final class CdcTopics {

    private CdcTopics() {}

    public static List<String> names() {
        return CdcContract.topics();
    }

    /** Kafka's client or our wait may give up first; either way the brokers did not answer. */
    private static ClientException unreachable(KafkaAccess access) {
        return new ClientException(
                "Kafka at " + access.bootstrapServers() + " did not answer in time",
                "check kafka.bootstrap-servers, that kafka.security-protocol (" + access.securityProtocol()
                        + ") is what its listener speaks, and that the brokers run ('rideops status')");
    }

    /** Returns what was done, as one line. */
    public static String ensure(KafkaAccess access, int partitions) {
        try (Admin admin = KafkaAdmins.create(access)) {
            int brokers =
                    admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size();
            short replication = (short) Math.min(3, brokers);
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String name : names()) {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, partitions, replication));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            List<String> narrower = new ArrayList<>();
            Map<String, TopicDescription> described =
                    admin.describeTopics(names()).allTopicNames().get(10, TimeUnit.SECONDS);
            described.forEach((name, d) -> {
                if (d.partitions().size() < partitions) {
                    narrower.add(name + " (" + d.partitions().size() + ")");
                }
            });
            return missing.size() + " created, " + (names().size() - missing.size()) + " existing (" + partitions
                    + " partitions, replication " + replication + ")"
                    + (narrower.isEmpty() ? "" : "; fewer partitions than asked: " + String.join(", ", narrower));
        } catch (ExecutionException e) {
            ClientException refused = KafkaFailures.explain(e, access, "create the CDC topics");
            if (refused != null) {
                throw refused;
            }
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unreachable(access);
            }
            throw new ClientException(
                    "cannot create the CDC topics at " + access.bootstrapServers() + ": "
                            + e.getCause().getMessage(),
                    "check kafka.bootstrap-servers and that the brokers run");
        } catch (TimeoutException e) {
            throw unreachable(access);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted while creating topics", "try again");
        }
    }
}
