package dev.rideops.job.functions;

import dev.rideops.contract.DeadLetterReason;
import dev.rideops.job.cdc.DeadLetter;
import dev.rideops.job.kpi.Contribution;
import java.time.Instant;

/** What a contribution to a retired bucket becomes: a dead letter saying which bucket and why it was not counted. */
public final class RetiredBucket {

    private RetiredBucket() {}

    public static DeadLetter deadLetter(Contribution c) {
        return new DeadLetter(
                DeadLetterReason.BUCKET_TOPIC,
                "the " + c.granularity + " bucket " + Instant.ofEpochMilli(c.bucketStart / 1000)
                        + " is older than its retention; its mart values stay as they were (deploy --offsets earliest"
                        + " recomputes them from the CDC log)",
                c.toString());
    }
}
