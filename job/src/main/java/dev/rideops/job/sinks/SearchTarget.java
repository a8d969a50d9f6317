package dev.rideops.job.sinks;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;

/** An Elasticsearch-compatible REST endpoint, with basic auth when a user is given. */
public class SearchTarget implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String url;
    private final String user;
    private final String password;

    public SearchTarget(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public RestClient client() {
        var builder = RestClient.builder(HttpHost.create(url));
        if (user != null && !user.isEmpty()) {
            String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            builder.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "Basic " + token)});
        }
        return builder.build();
    }
}
