package dev.rideops.cli.config;

import dev.rideops.contract.PostgresTls;
import dev.rideops.stack.Stack;

/**
 * How every client rideops configures reaches both databases (its own connections, the generator, the exporter, the
 * dashboard, the job's sinks and cohort batch, the CDC connector): {@code postgres.sslmode} and
 * {@code postgres.sslrootcert} as set, and with {@code security.tls} verify-full against the local CA unless they say
 * otherwise. A stack started with TLS keeps it in its stack.json, so a later command reaches it the same way without
 * being told again ({@link SavedStackSettings}).
 */
public final class DatabaseTls {

    private DatabaseTls() {}

    public static PostgresTls of(RideopsConfig config) {
        String mode = config.get(Setting.POSTGRES_SSLMODE);
        String rootCert = config.get(Setting.POSTGRES_SSLROOTCERT);
        if (!config.flag(Setting.SECURITY_TLS)) {
            return new PostgresTls(mode, rootCert);
        }
        return new PostgresTls(
                mode.isEmpty() ? PostgresTls.VERIFY_FULL : mode,
                rootCert.isEmpty()
                        ? Stack.caCertificate(config.home(), config.rootsStack())
                                .toString()
                        : rootCert);
    }
}
