package dev.rideops.job.sinks;

import dev.rideops.contract.JobJar;
import dev.rideops.contract.SearchIndexes;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.ResponseListener;
import org.elasticsearch.client.RestClient;

/** The search node over the low-level REST client: asynchronous bulk requests, index creation off the task thread. */
final class RestSearchClient implements SearchClient {

    /** A whole-request error's reason goes into every document's dead letter: the start of it says enough. */
    private static final int MAX_REASON_CHARS = 1000;

    private final SearchTarget target;
    private final RestClient client;
    private final TimeseriesCleanup cleanup;
    /** The node refused the login: the next request looks the password up again (a corrected password file). */
    private volatile boolean relogin;
    /** The header requests carry once looked up again; null: the client's own, from its start. */
    private volatile String authorization;

    RestSearchClient(SearchTarget target, int timeseriesRetentionDays) {
        this.target = target;
        this.client = target.client();
        this.cleanup = new TimeseriesCleanup(timeseriesRetentionDays);
    }

    @Override
    public void sawPingOfDay(long epochDay) {
        if (cleanup.newDay(epochDay)) {
            // its own thread, as index setup: deleting indexes blocks, and a failure only costs disk
            Thread expire = new Thread(() -> cleanup.deleteExpired(client), "search-timeseries-cleanup");
            expire.setDaemon(true);
            expire.start();
        }
    }

    @Override
    public CompletableFuture<Void> ensureIndexes() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        // its own thread: these calls block, and the task thread must never wait on a node that does not answer
        Thread setup = new Thread(
                () -> {
                    try {
                        SearchIndexes.ensure(SearchTarget.indexApi(client, this::authorized), JobJar.classpath());
                        done.complete(null);
                    } catch (IOException | RuntimeException e) {
                        relogin |= BulkOutcome.Cause.of(e) == BulkOutcome.Cause.LOGIN;
                        done.completeExceptionally(e);
                    }
                },
                "search-index-setup");
        setup.setDaemon(true);
        setup.start();
        return done;
    }

    @Override
    public CompletableFuture<BulkOutcome> bulk(DocBatch docs) {
        Request request = authorized(new Request("POST", "/_bulk"));
        request.addParameter("filter_path", BulkOutcome.FILTER_PATH);
        request.setJsonEntity(docs.body());
        CompletableFuture<BulkOutcome> outcome = new CompletableFuture<>();
        client.performRequestAsync(request, new ResponseListener() {
            @Override
            public void onSuccess(Response response) {
                try (InputStream body = response.getEntity().getContent()) {
                    complete(BulkOutcome.read(body, docs));
                } catch (IOException | RuntimeException e) {
                    // not the answer asked for (a proxy's page, a cut-off body): sending it all again is harmless
                    complete(BulkOutcome.unanswered("unreadable bulk response: " + e.getMessage(), docs.size()));
                }
            }

            @Override
            public void onFailure(Exception e) {
                complete(
                        e instanceof ResponseException refused
                                ? BulkOutcome.failed(
                                        refused.getResponse().getStatusLine().getStatusCode(),
                                        excerpt(refused.getMessage()),
                                        docs.size())
                                : BulkOutcome.unanswered(e.toString(), docs.size()));
            }

            private void complete(BulkOutcome answer) {
                relogin |= answer.cause() == BulkOutcome.Cause.LOGIN;
                outcome.complete(answer);
            }
        });
        return outcome;
    }

    @Override
    public String user() {
        return target.user();
    }

    /** The request with the login as the password reads now, once the node refused the one before. */
    private Request authorized(Request request) {
        if (relogin) {
            relogin = false;
            authorization = target.authorization().orElse(null);
        }
        String header = authorization;
        if (header != null) {
            request.setOptions(RequestOptions.DEFAULT.toBuilder().addHeader("Authorization", header));
        }
        return request;
    }

    private static String excerpt(String message) {
        return message.length() <= MAX_REASON_CHARS ? message : message.substring(0, MAX_REASON_CHARS) + "…";
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
