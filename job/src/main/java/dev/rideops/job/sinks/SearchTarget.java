package dev.rideops.job.sinks;

import dev.rideops.contract.JobArg;
import dev.rideops.contract.SearchIndexes;
import dev.rideops.job.credentials.Credential;
import dev.rideops.job.credentials.TrustedCa;
import java.io.IOException;
import java.io.Serializable;
import javax.net.ssl.SSLContext;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/**
 * An Elasticsearch-compatible REST endpoint, with basic auth when a user is given; over https verified against the
 * CA of {@code sslCa} when one is given (the local node with {@code security.tls}), else the JVM's trusted CAs.
 */
public class SearchTarget implements Serializable {

    private static final long serialVersionUID = 2L;

    private final String url;
    private final String user;
    private final Credential password;
    /** A PEM file where the client runs (a path, never a secret); empty: the JVM's trusted CAs. */
    private final String sslCa;

    public SearchTarget(String url, String user, Credential password, String sslCa) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.sslCa = sslCa == null ? "" : sslCa;
    }

    public SearchTarget(String url, String user, Credential password) {
        this(url, user, password, "");
    }

    public SearchTarget(String url, String user, String password) {
        this(url, user, Credential.literal(password));
    }

    public RestClient client() {
        var builder = RestClient.builder(HttpHost.create(url));
        authorization()
                .ifPresent(
                        header -> builder.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", header)}));
        if (!sslCa.isEmpty()) {
            SSLContext tls = sslContext();
            // Apache's default host name verifier stays: the node's certificate must name the host of the URL
            builder.setHttpClientConfigCallback(client -> client.setSSLContext(tls));
        }
        return builder.build();
    }

    /** Trust in {@link #sslCa} alone, read where the client runs; a missing or unreadable file names the argument. */
    SSLContext sslContext() {
        return TrustedCa.sslContext(sslCa, "the search node", JobArg.SEARCH_SSL_CA);
    }

    /** The user the requests log in as; empty for none. */
    public String user() {
        return user == null ? "" : user;
    }

    /**
     * The basic auth header with the password looked up now: after the node refused the login, the sink asks again
     * per request, so a corrected password file heals it without a restart. Empty without a user.
     */
    java.util.Optional<String> authorization() {
        return password.basicAuthorization(user);
    }

    /** The index creator's two calls over this client (a HEAD's 404 is an answer, not an error, to it). */
    static SearchIndexes.Api indexApi(RestClient client, java.util.function.UnaryOperator<Request> authorized) {
        return new SearchIndexes.Api() {
            @Override
            public boolean exists(String path) throws IOException {
                return client.performRequest(authorized.apply(new Request("HEAD", path)))
                                .getStatusLine()
                                .getStatusCode()
                        == 200;
            }

            @Override
            public void put(String path, String json) throws IOException {
                Request put = authorized.apply(new Request("PUT", path));
                put.setJsonEntity(json);
                client.performRequest(put);
            }
        };
    }
}
