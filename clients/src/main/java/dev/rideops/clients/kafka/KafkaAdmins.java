package dev.rideops.clients.kafka;

import java.util.Properties;
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
}
