package dev.rideops.cli.deadletters;

import dev.rideops.clients.kafka.DeadLetterLog;
import dev.rideops.contract.DeadLetterReason;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the dead-letter topic holds, counted by reason (the bounded names of {@link DeadLetterReason}) and by kind,
 * and how many of the replayable letters the replay has not reached yet (its group's committed offsets).
 */
public final class DeadLetterSummary {

    /** The name under which records that are no dead letter at all are counted. */
    static final String UNREADABLE = "unreadable";

    public static final String REPLAY_COMMAND = "rideops dead-letters replay --search";

    /**
     * One reason's letters.
     *
     * @param notReplayed for a replayable reason, those after the replay's position; null when not replayable or
     *     the position is unknown
     */
    public record ReasonCount(String reason, String kind, long records, boolean replayable, Long notReplayed) {}

    public record KindCount(String kind, long records) {}

    /**
     * @param toReplay replayable letters the replay has not reached; null when Kafka would not say where it got to
     */
    public record Report(
            String topic, long records, List<ReasonCount> byReason, List<KindCount> byKind, Long toReplay) {}

    private final Map<Integer, Long> replayPositions;
    private final Map<String, long[]> byReason = new TreeMap<>();

    /** @param replayPositions where the replay got to per partition; null when unknown */
    public DeadLetterSummary(Map<Integer, Long> replayPositions) {
        this.replayPositions = replayPositions;
    }

    public void add(DeadLetterLog.Letter letter) {
        String reason = letter.letter() == null ? UNREADABLE : letter.letter().reasonName();
        long[] counts = byReason.computeIfAbsent(reason, r -> new long[2]);
        counts[0]++;
        if (replayPositions != null && letter.offset() >= replayPositions.getOrDefault(letter.partition(), 0L)) {
            counts[1]++;
        }
    }

    public Report report(String topic) {
        Map<String, Long> kinds = new TreeMap<>();
        long total = 0;
        Long toReplay = replayPositions == null ? null : 0L;
        List<ReasonCount> reasons = new java.util.ArrayList<>();
        for (Map.Entry<String, long[]> e : byReason.entrySet()) {
            String reason = e.getKey();
            long records = e.getValue()[0];
            boolean replayable = DeadLetterReason.replayableToSearch(reason);
            Long notReplayed = replayable && replayPositions != null ? e.getValue()[1] : null;
            String kind = reason.equals(UNREADABLE) ? UNREADABLE : DeadLetterReason.kind(reason);
            reasons.add(new ReasonCount(reason, kind, records, replayable, notReplayed));
            kinds.merge(kind, records, Long::sum);
            total += records;
            if (notReplayed != null) {
                toReplay += notReplayed;
            }
        }
        List<KindCount> byKind = kinds.entrySet().stream()
                .map(e -> new KindCount(e.getKey(), e.getValue()))
                .toList();
        return new Report(topic, total, List.copyOf(reasons), byKind, toReplay);
    }
}
