package dev.rideops.clients;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one way rideops waits for something: ask every {@code interval} until an answer comes or {@code timeout}
 * passes. Interrupts are not swallowed: the flag is restored and the wait ends with a {@link ClientException}, so a
 * Ctrl-C never turns into a busy loop until the deadline.
 */
public final class Poll {

    private final Duration interval;
    private final Duration timeout;

    private Poll(Duration interval, Duration timeout) {
        this.interval = interval;
        this.timeout = timeout;
    }

    public static Poll every(Duration interval, Duration timeout) {
        return new Poll(interval, timeout);
    }

    /** The first answer {@code attempt} gives, or empty when none came in time. */
    public <T> Optional<T> until(Supplier<Optional<T>> attempt) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> answer = attempt.get();
            if (answer.isPresent()) {
                return answer;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            sleep(Duration.ofNanos(Math.min(left, interval.toNanos())));
        }
    }

    /** Whether {@code done} became true in time. */
    public boolean until(BooleanSupplier done) {
        return until(() -> done.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.<Boolean>empty())
                .isPresent();
    }

    /** Sleeps, ending the wait with a {@link ClientException} when the thread is interrupted. */
    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted while waiting", "run the command again");
        }
    }
}
