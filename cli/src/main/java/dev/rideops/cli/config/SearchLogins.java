package dev.rideops.cli.config;

import dev.rideops.clients.http.ClientTls;
import dev.rideops.clients.http.RestCalls;

/**
 * Who rideops logs in as on the search node, by what it does: deploy as the admin ({@code search.user},
 * {@code elastic}), the job as the writer, every reader (dashboard, verify, bench, status) as the read-only user.
 * The local node knows all three (its users file); a remote node ({@code search.url} set) is asked as
 * {@code search.user} for whatever the user did not name a user for, as before there were roles.
 */
public final class SearchLogins {

    private static final String DEFAULT = "default";

    /** One login: the settings it comes from name what to fix when the node refuses it. */
    public record Login(String user, String password, Setting userSetting, Setting passwordSetting) {

        /**
         * REST calls to the node at {@code url} as this login (none when the user is empty), over https verified as
         * {@code tls} says (null: plain http, or the JVM's CAs).
         */
        public RestCalls calls(String url, ClientTls tls) {
            return new RestCalls(url, "the search node", user, password, tls)
                    .withLoginHint("check " + passwordSetting.key() + " (" + passwordSetting.envName()
                            + (passwordSetting.aliases().isEmpty()
                                    ? ""
                                    : " or " + passwordSetting.aliases().get(0))
                            + ")"
                            + GeneratedSecrets.secretName(passwordSetting)
                                    .map(secret -> ", or when it is unset the secret $RIDEOPS_HOME/secrets/" + secret)
                                    .orElse("")
                            + ": it must be the password of '" + user + "' (" + userSetting.key() + ") on the search"
                            + " node, which the local node reads when it starts ('rideops restart search')");
        }

        @Override
        public String toString() {
            return "Login[" + user + ", password=****]";
        }
    }

    private SearchLogins() {}

    public static Login admin(RideopsConfig config) {
        return of(config, Setting.SEARCH_USER, Setting.SEARCH_PASSWORD);
    }

    public static Login writer(RideopsConfig config) {
        return roleOrAdmin(config, Setting.SEARCH_WRITER_USER, Setting.SEARCH_WRITER_PASSWORD);
    }

    public static Login reader(RideopsConfig config) {
        return roleOrAdmin(config, Setting.SEARCH_READER_USER, Setting.SEARCH_READER_PASSWORD);
    }

    private static Login roleOrAdmin(RideopsConfig config, Setting user, Setting password) {
        boolean remote = !config.get(Setting.SEARCH_URL).isBlank();
        if (remote && config.origin(user).equals(DEFAULT)) {
            return admin(config);
        }
        return of(config, user, password);
    }

    private static Login of(RideopsConfig config, Setting user, Setting password) {
        return new Login(config.get(user), config.get(password), user, password);
    }
}
