package dev.rideops.stack.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortOwnersTest {

    @Test
    void findsThisJvmAsTheListenerOfItsOwnSocket() throws IOException {
        PortOwners owners = PortOwners.system();
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = socket.getLocalPort();

            assertThat(owners.isFree(port)).isFalse();
            ProcessInfo owner = owners.listenerOf(port).orElseThrow();
            assertThat(owner.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(owner.shortName()).startsWith("java");
        }
    }

    @Test
    void closedPortIsFreeAndHasNoListener() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        PortOwners owners = PortOwners.system();

        assertThat(owners.isFree(port)).isTrue();
        assertThat(owners.listenerOf(port)).isEmpty();
    }

    @Test
    void shortNameShowsTheJavaMainClassOrProgram() {
        assertThat(new ProcessInfo(1, "/usr/bin/java -Xmx1g -cp /a:/b kafka.Kafka server.properties").shortName())
                .isEqualTo("java kafka.Kafka");
        assertThat(new ProcessInfo(1, "/usr/bin/java -jar /x/quarkus-run.jar up").shortName())
                .isEqualTo("java -jar quarkus-run.jar");
        assertThat(new ProcessInfo(1, "/usr/lib/postgresql/bin/postgres -D /data").shortName())
                .isEqualTo("postgres -D /data");
    }
}
