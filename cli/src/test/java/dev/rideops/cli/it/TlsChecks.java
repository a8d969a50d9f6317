package dev.rideops.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.clients.http.BasicAuth;
import dev.rideops.contract.PemTrust;
import dev.rideops.contract.PostgresTls;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * What a stack started with TLS shows any client, checked from outside rideops: each server (both PostgreSQL
 * clusters, the broker, Connect's REST API, the search node, the schema registry when it runs) completes a handshake with a plain JDK context that
 * trusts the CA {@code rideops env} names and checks the host name, and fails one with the JDK's own CAs; the
 * servers refuse clients that do not start TLS; the job's search sink gets its documents through.
 */
final class TlsChecks {

    private static final HttpClient PLAIN = HttpClient.newHttpClient();
    /** PostgreSQL's SSLRequest code: the message a client sends to start TLS before its startup message. */
    private static final int SSL_REQUEST = 80877103;

    private TlsChecks() {}

    /** Each server's certificate, issued by the CA for its own name, verified by the CA as env names it. */
    static void everyServerIsVerifiedByTheHomesCa(Rideops rideops) throws Exception {
        StackAccess access = rideops.access();
        Path postgresCa = Path.of(access.postgres().rootCert());
        Map<String, Server> servers = new LinkedHashMap<>();
        servers.put("source-db", new Server(rideops.sourcePort(), true, "postgres", postgresCa));
        servers.put("reporting-db", new Server(rideops.reportingPort(), true, "postgres", postgresCa));
        servers.put("kafka-1", new Server(rideops.kafkaPort(), false, "kafka", Path.of(access.kafkaSslCa())));
        servers.put("connect", new Server(rideops.connectPort(), false, "connect", access.connectCa()));
        servers.put("search", new Server(rideops.searchPort(), false, "search", access.searchCa()));
        if (access.registryCa() != null) {
            servers.put("registry", new Server(rideops.registryPort(), false, "registry", access.registryCa()));
        }
        for (Map.Entry<String, Server> entry : servers.entrySet()) {
            Server server = entry.getValue();
            X509Certificate ca = certificate(server.ca());
            X509Certificate peer = handshake(PemTrust.sslContext(server.ca()), server);
            assertThat(peer.getSubjectX500Principal().getName())
                    .as(entry.getKey() + "'s certificate")
                    .startsWith("CN=" + server.commonName() + ",");
            assertThat(peer.getIssuerX500Principal()).as(entry.getKey()).isEqualTo(ca.getSubjectX500Principal());
            // the trust is the CA's: a client trusting only the JDK's own CAs is refused the handshake
            assertThatThrownBy(() -> handshake(SSLContext.getDefault(), server))
                    .as(entry.getKey() + " with the JDK's CAs")
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    /** A client that does not start TLS gets nothing: no login to PostgreSQL, no answer of Connect or the node. */
    static void clientsWithoutTlsAreRefused(Rideops rideops) throws Exception {
        String plainUrl = new PostgresTls("disable", "").jdbcUrl("127.0.0.1", rideops.sourcePort(), "ride_hailing_db");
        assertThatThrownBy(() -> DriverManager.getConnection(plainUrl, Rideops.ADMIN, rideops.adminPassword())
                        .close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("no encryption");
        plainHttpGetsNoAnswer(
                "http://127.0.0.1:" + rideops.connectPort() + "/connectors", rideops.connectLogin(), "rideops-source");
        plainHttpGetsNoAnswer(
                "http://127.0.0.1:" + rideops.searchPort() + "/_cluster/health",
                rideops.searchReader(),
                "cluster_name");
        if (rideops.access().registryCa() != null) {
            // the version it tells anyone over https, never in the clear
            plainHttpGetsNoAnswer(
                    "http://127.0.0.1:" + rideops.registryPort() + "/apis/registry/v3/system/info", null, "version");
        }
    }

    /**
     * Plain http to a TLS port never gets the API's answer (sent with the login, so no 401 is what stops it): the
     * port hangs up, or answers an error of its own. Something must listen there: a refused connection fails.
     */
    static void plainHttpGetsNoAnswer(String url, BasicAuth login, String answer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (login != null) {
            request.header("Authorization", login.header());
        }
        try {
            HttpResponse<String> plain = PLAIN.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(plain.statusCode()).as("plain http to " + url).isNotEqualTo(200);
            assertThat(plain.body()).as("plain http to " + url).doesNotContain(answer);
        } catch (ConnectException nothingListens) {
            throw new AssertionError("nothing listens at " + url, nothingListens);
        } catch (IOException hungUp) {
            // what a TLS port does with a request in the clear
        }
    }

    /**
     * The job's search sink writes through https: the node serves nothing else, and its pings' documents keep coming
     * while the generator runs.
     */
    static void theJobWritesItsDocumentsThroughHttps(Rideops rideops) throws Exception {
        assertThat(rideops.searchUrl()).startsWith("https://");
        long before = pingDocuments(rideops);
        long deadline = System.currentTimeMillis() + 90_000;
        long now = before;
        while (now <= before && System.currentTimeMillis() < deadline) {
            Thread.sleep(2_000);
            now = pingDocuments(rideops);
        }
        assertThat(now).as("ping documents after " + before).isGreaterThan(before);
    }

    private static long pingDocuments(Rideops rideops) throws Exception {
        HttpResponse<String> r = rideops.searchHttp()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(rideops.searchUrl() + "/driver_locations_timeseries-*/_count"))
                                .header("Authorization", rideops.searchReader().header())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new ObjectMapper().readTree(r.body()).path("count").asLong();
    }

    /** A server's port, whether TLS starts inside PostgreSQL's protocol, its certificate's CN, the CA env names. */
    private record Server(int port, boolean postgres, String commonName, Path ca) {}

    /** The server's certificate after a handshake that checked the chain and the name 127.0.0.1 against it. */
    private static X509Certificate handshake(SSLContext context, Server server) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            socket.setSoTimeout(20_000);
            if (server.postgres()) {
                startPostgresTls(socket);
            }
            SSLSocket tls =
                    (SSLSocket) context.getSocketFactory().createSocket(socket, "127.0.0.1", server.port(), true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            return (X509Certificate) tls.getSession().getPeerCertificates()[0];
        }
    }

    /** PostgreSQL's SSLRequest; the server answers 'S' when it will speak TLS on this connection. */
    private static void startPostgresTls(Socket socket) throws IOException {
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeInt(8);
        out.writeInt(SSL_REQUEST);
        out.flush();
        InputStream in = socket.getInputStream();
        assertThat((char) in.read()).as("PostgreSQL's answer to SSLRequest").isEqualTo('S');
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
