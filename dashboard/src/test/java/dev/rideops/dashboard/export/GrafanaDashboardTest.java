package dev.rideops.dashboard.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.dashboard.panels.Panel;
import dev.rideops.dashboard.panels.Panels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrafanaDashboardTest {

    @Test
    void everyPanelIsACataloguePanelWithItsQueryTitleAndUnit() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(GrafanaDashboard.json());
        List<String> seen = new ArrayList<>();
        List<String> tiles = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            if (panel.path("description").asText().startsWith("rideops tile ")) {
                String id = panel.path("description").asText().replaceFirst("^rideops tile (\\w+):.*$", "$1");
                Panel p = Panels.byId(id).orElseThrow(() -> new AssertionError("not in the catalogue: " + panel));
                tiles.add(id);
                assertThat(panel.path("type").asText()).isEqualTo("stat");
                assertThat(panel.path("targets").get(0).path("rawSql").asText())
                        .isEqualTo(p.tile().query());
                continue;
            }
            String id = panel.path("description").asText().replaceFirst("^rideops panel (\\w+) .*$", "$1");
            Panel p = Panels.byId(id).orElseThrow(() -> new AssertionError("not in the catalogue: " + panel));
            seen.add(id);
            assertThat(panel.path("title").asText()).isEqualTo(p.title());
            assertThat(panel.path("fieldConfig").path("defaults").path("unit").asText())
                    .isEqualTo(p.unit().grafana());
            JsonNode target = panel.path("targets").get(0);
            if (p.source() == Panel.Source.SQL) {
                assertThat(target.path("rawSql").asText()).isEqualTo(p.query());
                assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${DS_RIDEOPS_MART}");
            } else {
                assertThat(p.source()).isEqualTo(Panel.Source.PROMQL);
                assertThat(target.path("expr").asText()).isEqualTo(p.query());
                assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${DS_PROMETHEUS}");
            }
        }
        assertThat(seen)
                .containsExactlyInAnyOrderElementsOf(Panels.all().stream()
                        .filter(p -> p.source() == Panel.Source.SQL || p.source() == Panel.Source.PROMQL)
                        .map(Panel::id)
                        .toList());
        assertThat(tiles)
                .containsExactlyInAnyOrderElementsOf(Panels.all().stream()
                        .filter(p -> p.tile() != null)
                        .map(Panel::id)
                        .toList())
                .contains("match_rate", "rides_requested");
    }

    @Test
    void theQueriesVariablesAreDefined() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(GrafanaDashboard.json());
        List<String> variables = new ArrayList<>();
        dashboard
                .path("templating")
                .path("list")
                .forEach(v -> variables.add(v.path("name").asText()));
        assertThat(variables).containsExactly("bucket", "city");
        for (Panel p : Panels.all()) {
            String withoutKnown = (p.query() + (p.tile() == null ? "" : p.tile().query()))
                    .replace("$bucket", "")
                    .replace("$city", "")
                    .replaceAll("\\$__\\w+", "");
            assertThat(withoutKnown)
                    .as(p.id() + " uses only bucket, city and Grafana's macros")
                    .doesNotContain("$");
        }
        assertThat(dashboard.path("__inputs"))
                .extracting(i -> i.path("name").asText())
                .containsExactly("DS_RIDEOPS_MART", "DS_PROMETHEUS");
    }
}
