package dev.rideops.stack.proxy;

import java.time.Duration;

/**
 * What a {@link FaultProxy} does to its link, after toxiproxy's toxics: a small named type with explicit parameters,
 * set and cleared while the link carries traffic. Applies to both directions.
 */
public sealed interface LinkFault {

    /** The link as if the proxy were not there. */
    record None() implements LinkFault {}

    /**
     * Every chunk of bytes waits {@code latency} plus or minus up to {@code jitter} (uniform) before it is passed on;
     * order is kept, so a chunk also waits for the one before it.
     */
    record Latency(Duration latency, Duration jitter) implements LinkFault {
        public Latency {
            if (latency.isNegative() || jitter.isNegative() || jitter.compareTo(latency) > 0) {
                throw new IllegalArgumentException("latency needs 0 <= jitter <= latency, was " + latency.toMillis()
                        + " ms +- " + jitter.toMillis() + " ms");
            }
        }
    }

    /** At most {@code bytesPerSecond} per direction and connection. */
    record Bandwidth(long bytesPerSecond) implements LinkFault {
        public Bandwidth {
            if (bytesPerSecond <= 0) {
                throw new IllegalArgumentException("bandwidth must be positive, was " + bytesPerSecond);
            }
        }
    }

    /**
     * The link is cut. {@code blackhole}: connections are accepted, but no byte gets through until the partition
     * ends (they are held, as TCP retransmits them), so peers see only their own timeouts; otherwise new connections
     * are refused (reset at once) and open ones reset.
     */
    record Partition(boolean blackhole) implements LinkFault {}

    /** Open connections are reset (TCP RST), and so is each new one, until the fault is cleared. */
    record Reset() implements LinkFault {}

    LinkFault NONE = new None();
}
