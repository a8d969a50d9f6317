package dev.rideops.cli.chaos;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A read that may take at most {@code wait}: one that fails, or has not answered by then, gives {@code unknown}. A
 * read that outlasted its wait goes on in the background and no other is started until it ended, so reads stuck on
 * a paused service do not pile up; its late answer is dropped (it is as old as its start). Used by one thread.
 */
final class BoundedRead<T> {

    private final ExecutorService pool;
    private final Duration wait;
    private final T unknown;
    private Future<T> stuck;

    BoundedRead(ExecutorService pool, Duration wait, T unknown) {
        this.pool = pool;
        this.wait = wait;
        this.unknown = unknown;
    }

    T read(Callable<T> read) {
        if (stuck != null) {
            if (!stuck.isDone()) {
                return unknown;
            }
            stuck = null;
        }
        Future<T> answer = null;
        try {
            answer = pool.submit(read);
            return answer.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stuck = answer;
            return unknown;
        } catch (ExecutionException | RejectedExecutionException e) { // a failed read; a pool being shut down
            return unknown;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unknown;
        }
    }
}
