package dev.rideops.generator.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    /** A clock that only moves when the limiter sleeps, or when the test says time passed. */
    private static final class FakeTime {
        long now = 1_000_000_000L;
        long slept;

        RateLimiter limiter(double rate, double burstSeconds) {
            return new RateLimiter(rate, burstSeconds, () -> now, nanos -> {
                now += nanos;
                slept += nanos;
            });
        }
    }

    @Test
    void holdsTheRateOverManyAcquisitions() throws InterruptedException {
        FakeTime time = new FakeTime();
        RateLimiter limiter = time.limiter(5000, 0.05);
        long start = time.now;

        for (int i = 0; i < 1000; i++) {
            limiter.acquire(50);
        }

        double seconds = (time.now - start) / 1e9;
        // 50,000 permits at 5,000/s: the last batch starts at 9.99 s.
        assertThat(50_000 / (seconds + 0.01)).isCloseTo(5000, org.assertj.core.data.Percentage.withPercentage(0.5));
    }

    @Test
    void aSlowCallerGetsOnlyABoundedCatchUpBurst() throws InterruptedException {
        FakeTime time = new FakeTime();
        RateLimiter limiter = time.limiter(1000, 0.05);
        limiter.acquire(1);

        time.now += 2_000_000_000L; // the caller was busy for 2 s
        time.slept = 0;
        for (int i = 0; i < 100; i++) {
            limiter.acquire(1);
        }

        // 100 permits at 1,000/s need 0.1 s; a 50 ms burst may be skipped, two seconds of backlog may not.
        assertThat(time.slept / 1e9).isBetween(0.045, 0.1);
    }

    @Test
    void aStallOfUnderASecondIsMadeUpSoTheRateHoldsOverTheWindow() throws InterruptedException {
        FakeTime time = new FakeTime();
        RateLimiter limiter = time.limiter(5000, RateLimiter.CATCH_UP_SECONDS);
        long start = time.now;
        for (int i = 0; i < 100; i++) {
            limiter.acquire(50); // one second at the rate
        }
        time.now += 700_000_000L; // a 700 ms stall, as a checkpoint on a busy machine
        for (int i = 0; i < 200; i++) {
            limiter.acquire(50);
        }

        // 15,000 permits at 5,000/s: the last batch starts at 2.99 s, the stall made up
        assertThat((time.now - start) / 1e9).isCloseTo(2.99, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void theDueTimeKeepsTheScheduleThatTheSlotForgives() throws InterruptedException {
        FakeTime time = new FakeTime();
        RateLimiter limiter = time.limiter(1000, 0.05);
        long start = time.now;
        assertThat(limiter.acquire(10)).isEqualTo(start);
        assertThat(limiter.acquire(10)).isEqualTo(start + 10_000_000L);

        time.now += 2_000_000_000L; // the caller stalled for 2 s
        long due = limiter.acquire(10);
        long released = time.now;

        // released at once (the 2 s are forgiven), but it was due 20 ms after the start, and says so
        assertThat(due).isEqualTo(start + 20_000_000L);
        assertThat(released - due).isGreaterThan(1_900_000_000L);
        assertThat(limiter.acquire(10)).isEqualTo(start + 30_000_000L);
    }

    @Test
    void firstAcquisitionDoesNotWait() throws InterruptedException {
        FakeTime time = new FakeTime();
        time.limiter(10, 0).acquire(5);
        assertThat(time.slept).isZero();
    }

    @Test
    void aRestartedScheduleForgivesTheDeficitBuiltUpBefore() throws InterruptedException {
        FakeTime time = new FakeTime();
        RateLimiter limiter = time.limiter(1000, 0.05);
        limiter.acquire(10);
        time.now += 5_000_000_000L; // a cold start: the caller fell 5 s behind

        long stillBehind = limiter.acquire(10);
        assertThat(time.now - stillBehind).isGreaterThan(4_900_000_000L);

        limiter.restartSchedule();
        long restarted = limiter.acquire(10);
        assertThat(restarted).isEqualTo(time.now);
        assertThat(limiter.acquire(10)).isEqualTo(restarted + 10_000_000L);
    }
}
