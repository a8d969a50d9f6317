package dev.rideops.job.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.job.kpi.LocationDoc;
import java.util.List;
import org.junit.jupiter.api.Test;

class BacklogTest {

    private static LocationDoc ping(long eventId, long driverId, long recordedAt) {
        LocationDoc d = new LocationDoc();
        d.eventId = eventId;
        d.driverId = driverId;
        d.recordedAt = recordedAt;
        return d;
    }

    @Test
    void aRequestCarriesAtMostMaxPositionsTooAndTheRestWaitAndCoalesce() {
        Backlog backlog = new Backlog(100);
        for (long driver = 1; driver <= 5; driver++) {
            backlog.add(ping(driver, driver, 1_000));
        }

        DocBatch first = backlog.take(3, true);

        assertThat(first.pings()).hasSize(3);
        assertThat(first.latest()).extracting(d -> d.driverId).containsExactly(1L, 2L, 3L);
        // driver 5 moves on before its position went: only the newer one is sent
        backlog.add(ping(6, 5, 2_000));
        DocBatch second = backlog.take(3, true);
        assertThat(second.pings()).extracting(d -> d.eventId).containsExactly(4L, 5L, 6L);
        assertThat(second.latest()).extracting(d -> d.eventId).containsExactly(4L, 6L);
        assertThat(backlog.size()).isZero();
    }

    @Test
    void positionsPutBackAfterAFailureGoOutInBoundedRequests() {
        Backlog backlog = new Backlog(100);
        for (long driver = 1; driver <= 4; driver++) {
            backlog.add(ping(driver, driver, 1_000));
        }
        DocBatch failed = backlog.take(10, true);
        backlog.putBack(failed);
        for (long driver = 5; driver <= 8; driver++) {
            backlog.add(ping(driver, driver, 2_000));
        }

        List<LocationDoc> retried = backlog.take(5, true).latest();

        assertThat(retried).hasSize(5);
        assertThat(backlog.take(5, true).latest()).hasSize(3);
    }
}
