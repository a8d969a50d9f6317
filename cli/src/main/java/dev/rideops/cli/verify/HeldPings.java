package dev.rideops.cli.verify;

import dev.rideops.cli.deadletters.DeadLetterSummary;
import dev.rideops.clients.ClientException;
import dev.rideops.clients.kafka.DeadLetterLog;
import dev.rideops.clients.kafka.KafkaAccess;
import dev.rideops.contract.DeadLetterReason;
import dev.rideops.contract.PingDocument;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Pings missing from the time-series indexes that are not lost but held: dead-lettered by the search sink while the
 * node failed (search-max-pending) and not yet replayed. Verify still fails on them (only a replay puts them in the
 * index) but says which command does.
 */
final class HeldPings {

    /** Where the held pings are, per minute of event time: what verify's per-minute counts are compared by. */
    interface Source {
        Map<Instant, Long> perMinute();
    }

    private HeldPings() {}

    /**
     * The distinct pings per minute among the replayable letters after the replay's position (from the start when
     * Kafka will not say where it got to); none when Kafka cannot be read, as this only explains a failure.
     */
    static Source on(KafkaAccess kafka, String topic) {
        return () -> read(kafka, topic);
    }

    private static Map<Instant, Long> read(KafkaAccess kafka, String topic) {
        Map<Instant, Set<Long>> pings = new HashMap<>();
        try (DeadLetterLog log = DeadLetterLog.open(kafka, topic, 5000)) {
            Map<Integer, Long> replayed = log.replayPositions().orElse(Map.of());
            while (!log.done()) {
                for (DeadLetterLog.Letter l : log.next()) {
                    if (l.letter() != null
                            && DeadLetterReason.replayableToSearch(l.letter().reasonName())
                            && l.offset() >= replayed.getOrDefault(l.partition(), 0L)) {
                        add(pings, l.letter().payload());
                    }
                }
            }
        } catch (ClientException e) {
            return Map.of();
        }
        Map<Instant, Long> counts = new HashMap<>();
        pings.forEach((minute, ids) -> counts.put(minute, (long) ids.size()));
        return counts;
    }

    /** A held ping by its minute; one whose document cannot be read cannot be replayed either, so it is left out. */
    private static void add(Map<Instant, Set<Long>> pings, String document) {
        try {
            PingDocument ping = PingDocument.parse(document);
            pings.computeIfAbsent(minuteOf(ping), m -> new HashSet<>()).add(ping.eventId());
        } catch (IOException e) {
            // the replay reports it; here it only means one held ping fewer
        }
    }

    /** Of the pings missing per minute, how many are held (a held ping cannot stand in for one in another minute). */
    static long held(Map<Instant, Long> missingPerMinute, Map<Instant, Long> heldPerMinute) {
        return missingPerMinute.entrySet().stream()
                .mapToLong(e -> Math.min(e.getValue(), heldPerMinute.getOrDefault(e.getKey(), 0L)))
                .sum();
    }

    /**
     * The check's worst example: the held pings and the command that indexes them first, then what else differs.
     *
     * @param worstMinute the minute that differs most, as verify words it
     */
    static String explain(long held, long missing, long duplicated, String worstMinute) {
        if (held == 0) {
            return worstMinute;
        }
        String line = held + " pings not indexed, held on the dead-letter topic for search-max-pending; run '"
                + DeadLetterSummary.REPLAY_COMMAND + "'";
        if (missing > held) {
            line += "; " + (missing - held) + " more missing that are not held there";
        }
        return missing > held || duplicated > 0 ? line + " (worst " + worstMinute + ")" : line;
    }

    private static Instant minuteOf(PingDocument ping) {
        long micros = ping.recordedAtMicros();
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L)).truncatedTo(ChronoUnit.MINUTES);
    }
}
