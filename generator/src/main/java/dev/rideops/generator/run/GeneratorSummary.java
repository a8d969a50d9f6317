package dev.rideops.generator.run;

import java.util.Map;

/** The outcome of a run, as {@code rideops generate --json} prints it. */
public record GeneratorSummary(
        String mode,
        String volume,
        String scenario,
        long seed,
        int targetEps,
        double achievedEps,
        double durationSeconds,
        long rowsTotal,
        Map<String, Long> rowsByTable,
        long commits,
        double meanCommitMs,
        long errors,
        long reconnects,
        int inflightAtEnd,
        boolean stoppedEarly) {}
