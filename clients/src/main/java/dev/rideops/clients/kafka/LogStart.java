package dev.rideops.clients.kafka;

import dev.rideops.clients.ClientException;
import dev.rideops.contract.CdcContract;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Where each CDC partition's log starts now. Above offset 0, retention has deleted its oldest changes, so a job that
 * starts without state from the earliest offset no longer sees everything its mart was computed from.
 */
public final class LogStart {

    private LogStart() {}

    /** The CDC partitions whose log no longer starts at offset 0, as {@code topic-partition} to the first offset. */
    public static Map<String, Long> trimmed(KafkaAccess access) {
        try (Admin admin = KafkaAdmins.create(access)) {
            var tables = CdcContract.TABLES.stream().map(CdcContract::topic).toList();
            var described = admin.describeTopics(tables).allTopicNames().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> earliest = described.values().stream()
                    .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.earliest()));
            Map<String, Long> trimmed = new TreeMap<>();
            admin.listOffsets(earliest).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> {
                if (info.offset() > 0) {
                    trimmed.put(tp.toString(), info.offset());
                }
            });
            return trimmed;
        } catch (ExecutionException | TimeoutException e) {
            ClientException refused = KafkaFailures.explain(e, access, "read where the CDC topics start");
            if (refused != null) {
                throw refused;
            }
            throw new ClientException(
                    "cannot read where the CDC topics start at " + access.bootstrapServers() + ": " + e.getMessage(),
                    "check kafka.bootstrap-servers and that the brokers run ('rideops status')");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted while reading the CDC topics", "try again");
        }
    }
}
