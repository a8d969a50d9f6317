package dev.rideops.stack.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy between a real client and a real echo server on loopback (ports the kernel picks, never the stack's). */
class FaultProxyTest {

    private ServerSocket echo;
    private FaultProxy proxy;

    @BeforeEach
    void startEchoAndProxy() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::echoLoop, "echo");
        t.setDaemon(true);
        t.start();
        proxy = FaultProxy.start("test", 0, "127.0.0.1", echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    private void echoLoop() {
        while (!echo.isClosed()) {
            try {
                Socket s = echo.accept();
                Thread t = new Thread(
                        () -> {
                            try (s;
                                    InputStream in = s.getInputStream();
                                    OutputStream out = s.getOutputStream()) {
                                in.transferTo(out);
                            } catch (IOException e) {
                                // the test reset it
                            }
                        },
                        "echo-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        s.setSoTimeout(3000);
        return s;
    }

    /** Sends one byte and waits for it to come back; the round trip in ms. */
    private static long roundTrip(Socket s, int value) throws IOException {
        long start = System.nanoTime();
        s.getOutputStream().write(value);
        s.getOutputStream().flush();
        assertThat(s.getInputStream().read()).isEqualTo(value);
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void withoutAFaultTheBytesPassUnchanged() throws IOException {
        try (Socket s = connect()) {
            assertThat(roundTrip(s, 7)).isLessThan(500);
            assertThat(roundTrip(s, 200)).isLessThan(500);
        }
    }

    @Test
    void latencyDelaysEachDirectionWithinItsJitterAndClearingItRestoresTheLink() throws IOException {
        try (Socket s = connect()) {
            roundTrip(s, 1);
            proxy.set(new LinkFault.Latency(Duration.ofMillis(150), Duration.ofMillis(50)));
            // two directions, each 100-200 ms
            assertThat(roundTrip(s, 2)).isBetween(200L, 1500L);

            proxy.set(LinkFault.NONE);
            assertThat(roundTrip(s, 3)).isLessThan(100);
        }
    }

    /** Sends {@code bytes} and reads them all back; the time in ms. */
    private static long echoed(Socket s, byte[] bytes) throws IOException {
        long start = System.nanoTime();
        s.getOutputStream().write(bytes);
        s.getOutputStream().flush();
        byte[] back = s.getInputStream().readNBytes(bytes.length);
        assertThat(back).isEqualTo(bytes);
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void aBandwidthLimitSlowsEachDirectionToItsRateAndKeepsTheBytesIntact() throws IOException {
        byte[] tenKb = new byte[10_000];
        for (int i = 0; i < tenKb.length; i++) {
            tenKb[i] = (byte) i;
        }
        try (Socket s = connect()) {
            echoed(s, tenKb);
            proxy.set(new LinkFault.Bandwidth(20_000));
            // 10 kB at 20 kB/s takes 0.5 s each way
            assertThat(echoed(s, tenKb)).isBetween(900L, 5000L);

            proxy.set(LinkFault.NONE);
            assertThat(echoed(s, tenKb)).isLessThan(400);
        }
    }

    @Test
    void aBlackholeLetsNothingThroughUntilItEndsAndThenTheStreamIsIntact() throws IOException {
        try (Socket s = connect()) {
            roundTrip(s, 1);
            proxy.set(new LinkFault.Partition(true));
            s.setSoTimeout(400);
            s.getOutputStream().write(42);
            s.getOutputStream().flush();
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);

            proxy.set(LinkFault.NONE);
            s.setSoTimeout(3000);
            assertThat(s.getInputStream().read()).as("the held byte arrives").isEqualTo(42);
        }
    }

    @Test
    void aRefusingPartitionResetsOpenConnectionsAndRefusesNewOnesUntilCleared() throws Exception {
        Socket open = connect();
        roundTrip(open, 1);
        assertThat(proxy.openConnections()).isEqualTo(1);

        proxy.set(new LinkFault.Partition(false));

        assertThat(endOf(open)).isIn("reset", "eof");
        try (Socket refused = connect()) {
            assertThat(endOf(refused)).isIn("reset", "eof");
        }
        proxy.set(LinkFault.NONE);
        try (Socket again = connect()) {
            assertThat(roundTrip(again, 9)).isLessThan(500);
        }
        open.close();
    }

    @Test
    void aResetEndsOpenConnectionsWithARst() throws Exception {
        try (Socket s = connect()) {
            roundTrip(s, 1);
            proxy.set(new LinkFault.Reset());
            assertThat(endOf(s)).isEqualTo("reset");
        }
        assertThat(proxy.openConnections()).isZero();
    }

    @Test
    void latencyNeedsAJitterNoLargerThanItself() {
        assertThatThrownBy(() -> new LinkFault.Latency(Duration.ofMillis(10), Duration.ofMillis(20)))
                .hasMessageContaining("0 <= jitter <= latency");
        assertThatThrownBy(() -> new LinkFault.Bandwidth(0)).hasMessageContaining("positive");
    }

    /** How the connection ended when read: "reset" (RST), "eof" (a clean close) or "open". */
    private static String endOf(Socket s) throws IOException {
        try {
            s.getOutputStream().write(5);
            s.getOutputStream().flush();
            return s.getInputStream().read() < 0 ? "eof" : "open";
        } catch (SocketException e) {
            return "reset";
        }
    }
}
