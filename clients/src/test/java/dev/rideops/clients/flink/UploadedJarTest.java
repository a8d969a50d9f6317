package dev.rideops.clients.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UploadedJarTest {

    private static UploadedJar jar(String id, long uploaded) {
        return new UploadedJar(id, "rideops-job.jar", uploaded);
    }

    @Test
    void theOldestGoBeyondTheNumberKept() {
        List<UploadedJar> jars = List.of(jar("b", 2), jar("d", 4), jar("a", 1), jar("c", 3));

        assertThat(UploadedJar.beyond(jars, 2, Set.of()))
                .extracting(UploadedJar::id)
                .containsExactly("b", "a");
    }

    @Test
    void theRunningJobsJarStaysHowEverOld() {
        List<UploadedJar> jars = List.of(jar("a", 1), jar("b", 2), jar("c", 3), jar("d", 4));

        assertThat(UploadedJar.beyond(jars, 1, Set.of("a")))
                .extracting(UploadedJar::id)
                .containsExactly("c", "b");
    }

    @Test
    void fewerThanKeptIsNothingToDelete() {
        assertThat(UploadedJar.beyond(List.of(jar("a", 1)), 3, Set.of())).isEmpty();
    }
}
