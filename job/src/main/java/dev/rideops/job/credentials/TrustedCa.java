package dev.rideops.job.credentials;

import dev.rideops.contract.JobArg;
import dev.rideops.contract.PemTrust;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;

/**
 * The CA an https server the job calls is verified with: a PEM file named by a job argument ({@code --search.ssl-ca},
 * {@code --registry.ssl-ca}), read where the client runs (a path, never a secret: the local CA's public copy is
 * readable by the TaskManagers' user). One place, so each client trusts its file the same way and says the same when
 * it cannot.
 */
public final class TrustedCa {

    private TrustedCa() {}

    /**
     * Trust in the CA of {@code pem} alone; a missing or unreadable file stops the client in one line naming the
     * server and the argument.
     *
     * @param server the server, as the message names it ("the search node")
     */
    public static SSLContext sslContext(String pem, String server, JobArg arg) {
        try {
            return PemTrust.sslContext(Path.of(pem));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    server + "'s CA certificate " + pem + " (" + arg.flag() + ") cannot be read where the job runs: "
                            + e,
                    e);
        }
    }
}
