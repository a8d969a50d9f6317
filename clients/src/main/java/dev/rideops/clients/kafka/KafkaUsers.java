package dev.rideops.clients.kafka;

import dev.rideops.clients.ClientException;
import dev.rideops.contract.CdcContract;
import dev.rideops.contract.JobContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The Kafka users of the local stack and what each may do. {@code admin} is the brokers' own principal and the only
 * super user (inter-broker and controller traffic, and this set-up); the others get exactly the ACLs their work
 * needs, under KRaft's {@code StandardAuthorizer} with {@code allow.everyone.if.no.acl.found=false}:
 *
 * <ul>
 *   <li>{@code connect}: its worker group and internal topics ({@code rideops-connect-*}), writes (and with
 *       {@code topic.creation.*} creates) the CDC topics and Debezium's heartbeat topic;
 *   <li>{@code job}: reads the CDC topics, commits its group's offsets, writes the dead-letter topic; creates
 *       nothing;
 *   <li>{@code rideops} (the CLI): creates and describes the {@code rideops.*} topics (CDC and dead letters), reads
 *       them for the lag's age, and describes the job's group for its lag; commits the offsets of
 *       {@link DeadLetterLog#REPLAY_GROUP} (how far the dead-letter replay got); writes no topic.
 * </ul>
 */
public record KafkaUsers(String admin, String rideops, String connect, String job) {

    /** The Connect worker's group and the prefix of its internal topics ({@code ConnectWorker}'s names). */
    public static final String CONNECT_GROUP = "rideops-connect";

    public static final String CONNECT_TOPICS = "rideops-connect-";
    /** Debezium's heartbeat topic is {@code __debezium-heartbeat.<topic prefix>}. */
    public static final String HEARTBEAT_TOPICS = "__debezium-heartbeat.";

    private static final String CDC_TOPICS = CdcContract.TOPIC_PREFIX + ".public.";
    private static final String RIDEOPS_TOPICS = CdcContract.TOPIC_PREFIX + ".";
    private static final int SCRAM_ITERATIONS = 8192;

    public static KafkaUsers defaults() {
        return new KafkaUsers("admin", "rideops", "connect", "rideops-job");
    }

    /** The brokers' {@code super.users}: the admin alone. */
    public String superUsers() {
        return principal(admin);
    }

    /** Every ACL the stack grants, by user. */
    public List<AclBinding> acls() {
        List<AclBinding> acls = new ArrayList<>();
        allow(acls, connect, ResourceType.GROUP, CONNECT_GROUP, PatternType.LITERAL, AclOperation.READ);
        allow(
                acls,
                connect,
                ResourceType.TOPIC,
                CONNECT_TOPICS,
                PatternType.PREFIXED,
                AclOperation.READ,
                AclOperation.WRITE,
                AclOperation.CREATE,
                AclOperation.DESCRIBE,
                AclOperation.DESCRIBE_CONFIGS);
        for (String written : List.of(CDC_TOPICS, HEARTBEAT_TOPICS)) {
            allow(
                    acls,
                    connect,
                    ResourceType.TOPIC,
                    written,
                    PatternType.PREFIXED,
                    AclOperation.WRITE,
                    AclOperation.CREATE,
                    AclOperation.DESCRIBE);
        }

        allow(
                acls,
                job,
                ResourceType.TOPIC,
                CDC_TOPICS,
                PatternType.PREFIXED,
                AclOperation.READ,
                AclOperation.DESCRIBE);
        allow(acls, job, ResourceType.GROUP, JobContract.GROUP_ID, PatternType.LITERAL, AclOperation.READ);
        allow(
                acls,
                job,
                ResourceType.TOPIC,
                JobContract.DEAD_LETTER_TOPIC,
                PatternType.LITERAL,
                AclOperation.WRITE,
                AclOperation.DESCRIBE);

        allow(
                acls,
                rideops,
                ResourceType.TOPIC,
                RIDEOPS_TOPICS,
                PatternType.PREFIXED,
                AclOperation.CREATE,
                AclOperation.DESCRIBE,
                AclOperation.DESCRIBE_CONFIGS,
                AclOperation.READ);
        allow(acls, rideops, ResourceType.GROUP, JobContract.GROUP_ID, PatternType.LITERAL, AclOperation.DESCRIBE);
        // 'rideops dead-letters replay' records how far it got as this group's offsets
        allow(acls, rideops, ResourceType.GROUP, DeadLetterLog.REPLAY_GROUP, PatternType.LITERAL, AclOperation.READ);
        return List.copyOf(acls);
    }

    private static void allow(
            List<AclBinding> acls,
            String user,
            ResourceType type,
            String name,
            PatternType pattern,
            AclOperation... operations) {
        for (AclOperation op : operations) {
            acls.add(new AclBinding(
                    new ResourcePattern(type, name, pattern),
                    new AccessControlEntry(principal(user), "*", op, AclPermissionType.ALLOW)));
        }
    }

    public static String principal(String user) {
        return "User:" + user;
    }

    /**
     * Sets each user's SCRAM password (an upsert: a changed password setting takes effect) and grants the ACLs;
     * both idempotent, so every start of the brokers runs it.
     *
     * @param asAdmin the brokers as {@link #admin}
     * @param passwords by user name, for {@link #rideops}, {@link #connect} and {@link #job}
     */
    public void ensure(KafkaAccess asAdmin, Map<String, String> passwords) {
        ScramMechanism mechanism = ScramMechanism.fromMechanismName(asAdmin.saslMechanism());
        if (mechanism == ScramMechanism.UNKNOWN) {
            throw new IllegalArgumentException("the local brokers use SCRAM, not " + asAdmin.saslMechanism());
        }
        List<UserScramCredentialAlteration> upserts = new ArrayList<>();
        for (String user : List.of(rideops, connect, job)) {
            String password = passwords.get(user);
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("no password for the Kafka user " + user);
            }
            upserts.add(new UserScramCredentialUpsertion(
                    user, new ScramCredentialInfo(mechanism, SCRAM_ITERATIONS), password));
        }
        try (Admin admin = KafkaAdmins.create(asAdmin)) {
            admin.alterUserScramCredentials(upserts).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(acls()).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            ClientException refused = KafkaFailures.explain(e, asAdmin, "set up the Kafka users and their ACLs");
            if (refused != null) {
                throw refused;
            }
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ClientException(
                    "cannot set up the Kafka users and their ACLs at " + asAdmin.bootstrapServers() + ": "
                            + cause.getMessage(),
                    "see the brokers' logs ('rideops logs kafka-1')");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted while setting up the Kafka users", "try again");
        }
    }
}
