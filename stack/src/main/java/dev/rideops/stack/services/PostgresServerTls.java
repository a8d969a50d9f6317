package dev.rideops.stack.services;

import dev.rideops.contract.PostgresTls;
import dev.rideops.stack.secrets.Secrets;
import dev.rideops.stack.secrets.ServerCertificates;
import java.nio.file.Path;
import java.util.List;

/**
 * What both local PostgreSQL clusters serve with {@code security.tls}: TLS with {@link ServerCertificates#postgres}' server
 * certificate, and an {@code hba_file} of rideops's that takes TCP connections over TLS only ({@code hostssl}), with
 * SCRAM passwords as before. Given as {@code -c} options, like every other server setting, so a stack started again
 * without TLS serves as initdb set it up: nothing is left behind in the data directories.
 */
public final class PostgresServerTls {

    static final String HBA_FILE = "pg_hba.conf";

    /**
     * No {@code local} lines (the servers open no Unix socket) and no {@code host} ones: a client that does not
     * start TLS finds no line and is refused. Replication (Debezium's) needs its own lines.
     */
    static final String HBA = """
            # written by rideops (security.tls): TCP over TLS only, passwords by SCRAM
            # TYPE   DATABASE     USER  ADDRESS       METHOD
            hostssl  all          all   127.0.0.1/32  scram-sha-256
            hostssl  all          all   ::1/128       scram-sha-256
            hostssl  replication  all   127.0.0.1/32  scram-sha-256
            hostssl  replication  all   ::1/128       scram-sha-256
            """;

    private final ServerCertificates certificates;
    private final Secrets files;

    /** @param files the clusters' own secrets directory, where the certificates are too: the hba file goes there */
    public PostgresServerTls(ServerCertificates certificates, Secrets files) {
        this.certificates = certificates;
        this.files = files;
    }

    /** Before a cluster starts: its certificate issued when needed, the hba file written. */
    void prepare() {
        certificates.ensure();
        files.storeFile(HBA_FILE, HBA);
    }

    /** The server's options: after rideops's others, before the user's ({@code postgres.settings}), which win. */
    List<String> settings() {
        return List.of(
                "-c",
                "ssl=on",
                "-c",
                "ssl_cert_file=" + certificates.certificate(),
                "-c",
                "ssl_key_file=" + certificates.key(),
                "-c",
                "hba_file=" + hbaFile());
    }

    Path hbaFile() {
        return files.file(HBA_FILE);
    }

    /** How the stack's own probe connects: verifying the server as every other client does. */
    PostgresTls clientTls() {
        return PostgresTls.verifyFull(certificates.caCertificate().toString());
    }
}
