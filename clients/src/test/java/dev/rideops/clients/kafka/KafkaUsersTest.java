package dev.rideops.clients.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.contract.CdcContract;
import dev.rideops.contract.JobContract;
import java.util.List;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

/** Which user may do what on the local brokers, checked the way Kafka matches ACLs against resources. */
class KafkaUsersTest {

    private final KafkaUsers users = KafkaUsers.defaults();
    private final String bookings = CdcContract.topic("public.bookings");

    @Test
    void onlyTheAdminIsSuperAndEveryGrantIsAnAllowForOneOfTheOthers() {
        assertThat(users.superUsers()).isEqualTo("User:admin");
        assertThat(users.acls()).allSatisfy(acl -> {
            assertThat(acl.entry().permissionType()).isEqualTo(AclPermissionType.ALLOW);
            assertThat(acl.entry().principal()).isIn("User:rideops", "User:connect", "User:rideops-job");
            assertThat(acl.entry().operation()).isNotEqualTo(AclOperation.ALL);
        });
    }

    @Test
    void theJobReadsTheCdcTopicsCommitsItsGroupAndWritesDeadLettersOnly() {
        String job = "rideops-job";

        assertThat(allowed(job, ResourceType.TOPIC, bookings, AclOperation.READ))
                .isTrue();
        assertThat(allowed(job, ResourceType.GROUP, JobContract.GROUP_ID, AclOperation.READ))
                .isTrue();
        assertThat(allowed(job, ResourceType.TOPIC, JobContract.DEAD_LETTER_TOPIC, AclOperation.WRITE))
                .isTrue();
        assertThat(allowed(job, ResourceType.TOPIC, bookings, AclOperation.WRITE))
                .isFalse();
        assertThat(allowed(job, ResourceType.TOPIC, bookings, AclOperation.CREATE))
                .isFalse();
        assertThat(allowed(job, ResourceType.TOPIC, "rideops.public.new_table", AclOperation.CREATE))
                .isFalse();
        assertThat(allowed(job, ResourceType.TOPIC, "rideops-connect-offsets", AclOperation.READ))
                .isFalse();
        assertThat(allowed(job, ResourceType.CLUSTER, "kafka-cluster", AclOperation.CREATE))
                .isFalse();
    }

    @Test
    void connectWritesAndCreatesTheCdcTopicsAndOwnsItsInternalTopicsAndGroup() {
        String connect = "connect";

        assertThat(allowed(connect, ResourceType.TOPIC, bookings, AclOperation.WRITE))
                .isTrue();
        assertThat(allowed(connect, ResourceType.TOPIC, "rideops.public.new_table", AclOperation.CREATE))
                .isTrue();
        assertThat(allowed(connect, ResourceType.TOPIC, "__debezium-heartbeat.rideops", AclOperation.WRITE))
                .isTrue();
        for (String internal :
                List.of("rideops-connect-offsets", "rideops-connect-configs", "rideops-connect-status")) {
            for (AclOperation op : List.of(AclOperation.READ, AclOperation.WRITE, AclOperation.CREATE)) {
                assertThat(allowed(connect, ResourceType.TOPIC, internal, op))
                        .as(internal + " " + op)
                        .isTrue();
            }
        }
        assertThat(allowed(connect, ResourceType.GROUP, KafkaUsers.CONNECT_GROUP, AclOperation.READ))
                .isTrue();
        assertThat(allowed(connect, ResourceType.TOPIC, bookings, AclOperation.READ))
                .isFalse();
        assertThat(allowed(connect, ResourceType.TOPIC, JobContract.DEAD_LETTER_TOPIC, AclOperation.WRITE))
                .isFalse();
        assertThat(allowed(connect, ResourceType.GROUP, JobContract.GROUP_ID, AclOperation.READ))
                .isFalse();
    }

    @Test
    void rideopsManagesItsTopicsAndReadsTheJobsLagButWritesNothing() {
        String rideops = "rideops";

        for (String topic : CdcContract.topics()) {
            assertThat(allowed(rideops, ResourceType.TOPIC, topic, AclOperation.CREATE))
                    .as(topic)
                    .isTrue();
            assertThat(allowed(rideops, ResourceType.TOPIC, topic, AclOperation.DESCRIBE))
                    .as(topic)
                    .isTrue();
            assertThat(allowed(rideops, ResourceType.TOPIC, topic, AclOperation.WRITE))
                    .as(topic)
                    .isFalse();
        }
        assertThat(allowed(rideops, ResourceType.GROUP, JobContract.GROUP_ID, AclOperation.DESCRIBE))
                .isTrue();
        assertThat(allowed(rideops, ResourceType.GROUP, JobContract.GROUP_ID, AclOperation.READ))
                .isFalse();
        assertThat(allowed(rideops, ResourceType.TOPIC, "rideops-connect-configs", AclOperation.DESCRIBE))
                .isFalse();
    }

    @Test
    void rideopsReadsTheDeadLettersAndRecordsHowFarItsReplayGotButNotTheJobsOffsets() {
        String rideops = "rideops";

        assertThat(allowed(rideops, ResourceType.TOPIC, JobContract.DEAD_LETTER_TOPIC, AclOperation.READ))
                .isTrue();
        assertThat(allowed(rideops, ResourceType.GROUP, DeadLetterLog.REPLAY_GROUP, AclOperation.READ))
                .as("committing offsets takes READ on the group")
                .isTrue();
        assertThat(allowed(rideops, ResourceType.GROUP, DeadLetterLog.REPLAY_GROUP, AclOperation.DESCRIBE))
                .isTrue();
        assertThat(allowed("rideops-job", ResourceType.GROUP, DeadLetterLog.REPLAY_GROUP, AclOperation.READ))
                .isFalse();
    }

    /**
     * Whether an ACL allows the operation on the resource as Kafka's authorizer matches them: a literal name, or a
     * prefix of it; READ, WRITE, DELETE and ALTER imply DESCRIBE.
     */
    private boolean allowed(String user, ResourceType type, String name, AclOperation op) {
        return users.acls().stream().anyMatch(acl -> matches(acl, user, type, name, op));
    }

    private static boolean matches(AclBinding acl, String user, ResourceType type, String name, AclOperation op) {
        var pattern = acl.pattern();
        boolean resource = pattern.resourceType() == type
                && (pattern.patternType() == PatternType.LITERAL
                        ? pattern.name().equals(name)
                        : pattern.patternType() == PatternType.PREFIXED && name.startsWith(pattern.name()));
        AclOperation granted = acl.entry().operation();
        boolean operation = granted == op
                || (op == AclOperation.DESCRIBE
                        && List.of(AclOperation.READ, AclOperation.WRITE, AclOperation.DELETE, AclOperation.ALTER)
                                .contains(granted));
        return resource && operation && acl.entry().principal().equals("User:" + user);
    }
}
