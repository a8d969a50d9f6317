package dev.rideops.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.scenarios.Profiles;
import dev.rideops.stack.proxy.LinkFault;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each shipped network fault becomes the proxy fault its data names, and says so in one phrase. */
class NetworkChangeTest {

    @Test
    void theShippedNetworkFaultsBecomeTheProxyFaultsTheyName() {
        assertThat(NetworkChange.linkFault(Profiles.fault("latency-source-db").network()))
                .isEqualTo(new LinkFault.Latency(Duration.ofMillis(200), Duration.ofMillis(50)));
        assertThat(NetworkChange.linkFault(Profiles.fault("blackhole-source-db").network()))
                .isEqualTo(new LinkFault.Partition(true));
        assertThat(NetworkChange.linkFault(Profiles.fault("partition-source-db").network()))
                .isEqualTo(new LinkFault.Partition(false));
        assertThat(NetworkChange.linkFault(Profiles.fault("reset-source-db").network()))
                .isInstanceOf(LinkFault.Reset.class);
        assertThat(NetworkChange.describe(Profiles.fault("latency-source-db").network()))
                .isEqualTo("latency 200 ms +- 50 ms");
    }
}
