package dev.rideops.stack.search;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every REST request's check: who sends it (basic auth against {@link SearchUsers}) and whether their role may
 * make it ({@link SearchRole}). Without OpenSearch types, so it is tested without a node; {@link BasicAuthPlugin}
 * applies its verdict.
 */
public final class SearchGate {

    public static final String REALM = "rideops search";

    /** 200 lets the request through; 401 and 403 answer it with the reason. */
    public record Verdict(int status, String reason) {
        static final Verdict ALLOWED = new Verdict(200, null);

        public boolean allowed() {
            return status == 200;
        }
    }

    private final SearchUsers users;

    public SearchGate(SearchUsers users) {
        this.users = users;
    }

    /** @param bulkIndexes the indexes a bulk body names, parsed only when the writer's bulk asks for them */
    public Verdict check(String authorization, String method, String path, Supplier<List<String>> bulkIndexes) {
        Optional<SearchUsers.User> user = users.authenticate(authorization);
        if (user.isEmpty()) {
            return new Verdict(
                    401,
                    authorization == null
                            ? "missing authentication credentials for REST request " + path
                            : "unable to authenticate user for REST request " + path
                                    + " (no such user, or not its password)");
        }
        String denied = user.get().role().deny(method, path, bulkIndexes);
        return denied == null ? Verdict.ALLOWED : new Verdict(403, user.get().name() + ": " + denied);
    }
}
