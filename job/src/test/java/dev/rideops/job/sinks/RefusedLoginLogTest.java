package dev.rideops.job.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RefusedLoginLogTest {

    @Test
    void aRefusedLoginNamesTheUserAndTheSettingAtMostOncePerIntervalCountingTheRest() {
        RefusedLoginLog log = new RefusedLoginLog(60_000);

        assertThat(log.line(1_000, "rideops_search_writer", "2 of 2 documents not indexed: 401", 1, 200, 2))
                .get()
                .asString()
                .contains("refused the login of the job's search user 'rideops_search_writer'")
                .contains("check search.writer-password (or, when it is unset, the secret search-writer;")
                .contains("Nothing is dead-lettered: retrying with backoff (retry 1 in 200 ms, 2 documents waiting)");
        assertThat(log.line(31_000, "rideops_search_writer", "401", 2, 400, 4)).isEmpty();
        assertThat(log.line(60_999, "rideops_search_writer", "401", 3, 800, 6)).isEmpty();
        assertThat(log.line(61_000, "rideops_search_writer", "401", 4, 1600, 8))
                .get()
                .asString()
                .contains("(retry 4 in 1600 ms, 8 documents waiting, 2 more refusals since the last line)");
    }
}
