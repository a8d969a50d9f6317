package dev.rideops.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeldPingsTest {

    private static final Instant T0 = Instant.parse("2026-11-30T06:25:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);
    private static final String WORST =
            "MINUTE 2026-11-30T06:26:00Z: source 3000 pings, search 0 documents (3000 missing)";

    @Test
    void heldPingsStandInOnlyForThoseMissingInTheirOwnMinute() {
        Map<Instant, Long> missing = Map.of(T0, 100L, T1, 3000L);
        Map<Instant, Long> held = Map.of(T0, 250L, T1, 2999L, T2, 40L);

        assertThat(HeldPings.held(missing, held)).isEqualTo(100 + 2999);
        assertThat(HeldPings.held(missing, Map.of())).isZero();
    }

    @Test
    void whenEveryMissingPingIsHeldTheCheckSaysSoAndNamesTheReplay() {
        assertThat(HeldPings.explain(3100, 3100, 0, WORST))
                .isEqualTo("3100 pings not indexed, held on the dead-letter topic for search-max-pending; run "
                        + "'rideops dead-letters replay --search'");
    }

    @Test
    void pingsMissingBeyondTheHeldOnesAreNamedAsNotHeldWithTheWorstMinute() {
        assertThat(HeldPings.explain(3099, 3100, 0, WORST))
                .isEqualTo("3099 pings not indexed, held on the dead-letter topic for search-max-pending; run "
                        + "'rideops dead-letters replay --search'; 1 more missing that are not held there (worst "
                        + WORST + ")");
        assertThat(HeldPings.explain(5, 5, 2, WORST)).as("duplicates too").endsWith("(worst " + WORST + ")");
    }

    @Test
    void withNothingHeldTheWorstMinuteStandsAlone() {
        assertThat(HeldPings.explain(0, 3100, 0, WORST)).isEqualTo(WORST);
    }
}
