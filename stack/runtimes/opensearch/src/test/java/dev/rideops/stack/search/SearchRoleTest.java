package dev.rideops.stack.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchRoleTest {

    private static String writer(String method, String path, String... bulkIndexes) {
        return SearchRole.WRITER.deny(method, path, () -> List.of(bulkIndexes));
    }

    private static String reader(String method, String path) {
        return SearchRole.READER.deny(method, path, () -> {
            throw new AssertionError("a reader's request is never parsed for bulk indexes");
        });
    }

    @Test
    void theAdminMayDoAnything() {
        assertThat(SearchRole.ADMIN.deny("DELETE", "/_all", List::of)).isNull();
        assertThat(SearchRole.ADMIN.deny("PUT", "/_cluster/settings", List::of)).isNull();
    }

    @Test
    void theReaderReadsEverythingAndSearchesByPost() {
        assertThat(reader("GET", "/_cluster/health")).isNull();
        assertThat(reader("GET", "/_cat/indices/driver_locations_timeseries-*")).isNull();
        assertThat(reader("HEAD", "/driver_locations")).isNull();
        assertThat(reader("GET", "/driver_locations/_count")).isNull();
        assertThat(reader("POST", "/driver_locations/_search")).isNull();
        assertThat(reader("POST", "/driver_locations_timeseries-*/_search")).isNull();
        assertThat(reader("POST", "/_search/scroll")).isNull();
        // verify makes what the job wrote visible before it counts
        assertThat(reader("POST", "/driver_locations,driver_locations_timeseries-*/_refresh"))
                .isNull();
    }

    @Test
    void theReaderWritesNothing() {
        assertThat(reader("PUT", "/driver_locations/_doc/1")).contains("read-only");
        assertThat(reader("POST", "/driver_locations/_doc")).contains("may not POST /driver_locations/_doc");
        assertThat(reader("POST", "/_bulk")).isNotNull();
        assertThat(reader("DELETE", "/driver_locations")).isNotNull();
        assertThat(reader("POST", "/driver_locations/_delete_by_query")).isNotNull();
        assertThat(reader("POST", "/driver_locations/_update/1")).isNotNull();
        assertThat(reader("PUT", "/_index_template/driver_locations_timeseries"))
                .isNotNull();
        assertThat(reader("PUT", "/_cluster/settings")).isNotNull();
        assertThat(reader("GET", "/driver_locations/_flush")).isNotNull();
    }

    @Test
    void theWriterWritesItsOwnIndexesAndTheirTemplate() {
        assertThat(writer("POST", "/_bulk", "driver_locations", "driver_locations_timeseries-2026.11.29"))
                .isNull();
        assertThat(writer("POST", "/driver_locations/_bulk", "driver_locations"))
                .isNull();
        assertThat(writer("PUT", "/_index_template/driver_locations_timeseries"))
                .isNull();
        assertThat(writer("HEAD", "/driver_locations")).isNull();
        assertThat(writer("PUT", "/driver_locations")).isNull();
        assertThat(writer("PUT", "/driver_locations/_settings")).isNull();
        // the refresh interval of the existing daily indexes (the node hands the role the path without its query)
        assertThat(writer("PUT", "/driver_locations_timeseries-*/_settings")).isNull();
        assertThat(writer("GET", "/_cat/indices/driver_locations_timeseries-*")).isNull();
        // its retention deletes expired days, several in one call
        assertThat(writer("DELETE", "/driver_locations_timeseries-2020.01.01,driver_locations_timeseries-2020.01.02"))
                .isNull();
        assertThat(writer("GET", "/_cluster/health")).isNull();
    }

    @Test
    void theWriterTouchesNothingElse() {
        assertThat(writer("POST", "/_bulk", "driver_locations", "orders")).contains("other indexes");
        assertThat(writer("POST", "/_bulk", "")).isNotNull();
        assertThat(writer("POST", "/driver_locations/_bulk", "secrets")).isNotNull();
        assertThat(writer("PUT", "/orders")).contains("writes only driver_locations");
        assertThat(writer("DELETE", "/driver_locations")).contains("deletes only daily");
        assertThat(writer("DELETE", "/driver_locations*")).isNotNull();
        assertThat(writer("DELETE", "/driver_locations_timeseries-*,-driver_locations_timeseries-2026.11.29"))
                .isNotNull();
        assertThat(writer("PUT", "/_index_template/other")).isNotNull();
        assertThat(writer("DELETE", "/_index_template/driver_locations_timeseries"))
                .isNotNull();
        assertThat(writer("PUT", "/_cluster/settings")).isNotNull();
        assertThat(writer("POST", "/_search")).isNotNull();
        assertThat(writer("GET", "/_cat/indices")).isNotNull();
        assertThat(writer("DELETE", "/_all")).isNotNull();
    }
}
