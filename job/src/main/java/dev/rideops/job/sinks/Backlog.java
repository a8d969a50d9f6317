package dev.rideops.job.sinks;

import dev.rideops.job.kpi.LocationDoc;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documents waiting for the search node: every ping, oldest first, and each driver's newest position (only the
 * newest is ever worth indexing in {@code driver_locations}, so positions coalesce and are bounded by the number of
 * drivers). Pings are bounded too: a node down for longer than the bound covers must not take the TaskManager's
 * memory with it.
 */
final class Backlog {

    private final int maxPings;
    private final ArrayDeque<LocationDoc> pings = new ArrayDeque<>();
    private final Map<Long, LocationDoc> newest = new LinkedHashMap<>();

    Backlog(int maxPings) {
        this.maxPings = maxPings;
    }

    /** Adds a document; false when the pings are full, though its position still counts as its driver's newest. */
    boolean add(LocationDoc doc) {
        newest.merge(doc.driverId, doc, Backlog::newer);
        if (pings.size() >= maxPings) {
            return false;
        }
        pings.add(doc);
        return true;
    }

    /** Puts back documents taken earlier (to retry, or restored), ahead of the rest and whatever the bound. */
    void putBack(DocBatch docs, List<Integer> positions) {
        List<LocationDoc> retried = new ArrayList<>(positions.size());
        for (int position : positions) {
            LocationDoc doc = docs.doc(position);
            if (docs.isLatest(position)) {
                newest.merge(doc.driverId, doc, Backlog::newer);
            } else {
                retried.add(doc);
            }
        }
        for (int i = retried.size() - 1; i >= 0; i--) {
            pings.addFirst(retried.get(i));
        }
    }

    void putBack(DocBatch docs) {
        for (int i = docs.pings().size() - 1; i >= 0; i--) {
            pings.addFirst(docs.pings().get(i));
        }
        docs.latest().forEach(doc -> newest.merge(doc.driverId, doc, Backlog::newer));
    }

    int pings() {
        return pings.size();
    }

    int size() {
        return pings.size() + newest.size();
    }

    /** Whether a request would carry anything: pings, or newest positions when they are due. */
    boolean hasWork(boolean withLatest) {
        return !pings.isEmpty() || (withLatest && !newest.isEmpty());
    }

    /**
     * Takes up to {@code max} of the oldest pings and, when they are due, up to {@code max} newest positions, those
     * waiting longest first; the others stay and coalesce further. Both bounds keep a request the node can take within
     * the client's timeout: after a failure every driver's position is waiting (tens of thousands in a large city),
     * and a request carrying all of them timed out again and again on a busy node, retried whole each time.
     */
    DocBatch take(int max, boolean withLatest) {
        List<LocationDoc> batch = new ArrayList<>(Math.min(max, pings.size()));
        while (batch.size() < max && !pings.isEmpty()) {
            batch.add(pings.poll());
        }
        if (!withLatest) {
            return new DocBatch(batch, List.of());
        }
        List<LocationDoc> latest = new ArrayList<>(Math.min(max, newest.size()));
        Iterator<LocationDoc> waiting = newest.values().iterator();
        while (latest.size() < max && waiting.hasNext()) {
            latest.add(waiting.next());
            waiting.remove();
        }
        return new DocBatch(batch, latest);
    }

    /** Everything not yet acknowledged: these documents and the given request in flight, which may still fail. */
    DocBatch snapshot(DocBatch inFlight) {
        List<LocationDoc> allPings = new ArrayList<>(inFlight.pings().size() + pings.size());
        allPings.addAll(inFlight.pings());
        allPings.addAll(pings);
        Map<Long, LocationDoc> latest = new LinkedHashMap<>();
        inFlight.latest().forEach(doc -> latest.put(doc.driverId, doc));
        newest.values().forEach(doc -> latest.merge(doc.driverId, doc, Backlog::newer));
        return new DocBatch(allPings, new ArrayList<>(latest.values()));
    }

    private static LocationDoc newer(LocationDoc a, LocationDoc b) {
        return b.recordedAt >= a.recordedAt ? b : a;
    }
}
