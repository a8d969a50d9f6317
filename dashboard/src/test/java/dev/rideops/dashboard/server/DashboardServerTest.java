package dev.rideops.dashboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.clients.http.RestCalls;
import dev.rideops.clients.reporting.MartQueries;
import dev.rideops.dashboard.data.PanelData;
import dev.rideops.dashboard.panels.Page;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real server on a free port with no mart, search or Prometheus behind it (port 1 refuses): every page and
 * static file is served from the jar, and every panel answers an empty state with a reason, never an error.
 */
class DashboardServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static DashboardServer server;

    @BeforeAll
    static void start() throws Exception {
        PanelData nothingRuns = new PanelData(
                new MartQueries("jdbc:postgresql://127.0.0.1:1/reporting_db", "user", "password"),
                Optional.empty(),
                new RestCalls("http://127.0.0.1:1", "the search node"));
        server = DashboardServer.start("127.0.0.1", 0, nothingRuns, 30);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyPageAndItsScriptsAreServedFromTheJar() throws Exception {
        for (Page page : Page.values()) {
            HttpResponse<String> r = get("/" + page.path());
            assertThat(r.statusCode()).as(page.path()).isEqualTo(200);
            assertThat(r.body()).contains("/static/echarts.min.js").doesNotContain("https://");
        }
        assertThat(get("/static/echarts.min.js").body()).contains("echarts").hasSizeGreaterThan(500_000);
        assertThat(get("/static/dashboard.js").statusCode()).isEqualTo(200);
        assertThat(get("/static/dashboard.css").statusCode()).isEqualTo(200);
        assertThat(get("/nowhere").statusCode()).isEqualTo(404);
    }

    @Test
    void theCatalogueListsEveryPage() throws Exception {
        JsonNode pages = JSON.readTree(get("/api/pages").body());
        assertThat(pages.path("max_freshness_seconds").asInt()).isEqualTo(30);
        assertThat(pages.path("pages")).hasSize(Page.values().length);
        assertThat(pages.path("cities"))
                .extracting(c -> c.path("code").asText())
                .containsExactly("HCM", "HAN", "DAD");
        // The city filter narrows the grid and the positions; the KPIs are city-wide, and the page says so.
        Map<String, Boolean> perCity = new HashMap<>();
        pages.path("pages")
                .forEach(p -> p.path("panels")
                        .forEach(panel -> perCity.put(
                                panel.path("id").asText(),
                                panel.path("per_city").asBoolean())));
        assertThat(perCity)
                .containsEntry("supply_demand_grid", true)
                .containsEntry("driver_positions", true)
                .containsEntry("gmv", false)
                .containsEntry("consumer_lag", false);
    }

    @Test
    void aPanelWhoseSourceIsDownSaysWhyInsteadOfFailing() throws Exception {
        HttpResponse<String> r = get("/api/panels/gmv?range=15m");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode gmv = JSON.readTree(r.body());
        assertThat(gmv.path("rows")).isEmpty();
        assertThat(gmv.path("empty").asText()).contains("reporting database").contains("rideops status");
        // a tile with a figure of its own says why it has none, with what the figure would be
        assertThat(gmv.path("tile").path("value").isNull()).isTrue();
        assertThat(gmv.path("tile").path("empty").asText()).contains("reporting database");
        assertThat(gmv.path("tile").path("caption").asText()).isEqualTo("newest complete bucket");
        assertThat(JSON.readTree(get("/api/panels/consumer_lag").body()).has("tile"))
                .isFalse();
        assertThat(JSON.readTree(get("/api/panels/consumer_lag").body())
                        .path("empty")
                        .asText())
                .contains("no Prometheus runs");
        assertThat(JSON.readTree(get("/api/panels/driver_pings").body())
                        .path("empty")
                        .asText())
                .contains("enter a driver id");
        assertThat(JSON.readTree(get("/api/panels/service_load").body())
                        .path("empty")
                        .asText())
                .contains("no local stack");
        JsonNode freshness = JSON.readTree(get("/api/freshness").body());
        assertThat(freshness.path("stale").asBoolean()).isTrue();
        assertThat(freshness.path("limit_seconds").asInt()).isEqualTo(30);
    }

    @Test
    void badInputIsAnEmptyStateWithItsReason() throws Exception {
        JsonNode unknownCity =
                JSON.readTree(get("/api/panels/supply_demand_grid?city=XYZ").body());
        assertThat(unknownCity.path("empty").asText()).contains("unknown city 'XYZ'");
        JsonNode emptyRange = JSON.readTree(get("/api/panels/gmv?range=none").body());
        assertThat(emptyRange.path("empty").asText()).contains("time range is empty");
        HttpResponse<String> noPanel = get("/api/panels/nope");
        assertThat(noPanel.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(noPanel.body()).path("error").asText()).contains("/api/pages lists them");
    }
}
