package dev.rideops.generator.sim;

import dev.rideops.generator.model.BookingRow;
import dev.rideops.generator.model.BookingStatus;
import dev.rideops.generator.model.Change;
import dev.rideops.generator.model.DriverStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Replays a stream of changes and collects every way it breaks the contract's rules: the booking state machine,
 * timestamps set once and in order, one open booking per driver, payments and ratings only for completed rides.
 */
final class BookingLifecycleChecker {

    private final Map<Long, BookingRow> bookings = new HashMap<>();
    private final Map<Long, DriverStatus> drivers = new HashMap<>();
    private final Map<Long, Long> driverServing = new HashMap<>();
    private final Set<Long> paid = new HashSet<>();
    private final Set<Long> rated = new HashSet<>();
    private final Set<Long> events = new HashSet<>();
    private final Map<Long, String> paymentStatus = new HashMap<>();
    private final Set<Long> namedDrivers = new HashSet<>();
    private final Set<Long> deletedDrivers = new HashSet<>();
    private final Set<Long> deletedBookings = new HashSet<>();
    final List<String> violations = new ArrayList<>();

    static BookingLifecycleChecker replay(List<Change> changes) {
        BookingLifecycleChecker checker = new BookingLifecycleChecker();
        changes.forEach(checker::apply);
        return checker;
    }

    private void apply(Change c) {
        if (c instanceof Change.DriverInsert d) {
            drivers.put(d.driverId(), d.status());
        } else if (c instanceof Change.DriverStatusUpdate d) {
            if (!drivers.containsKey(d.driverId())) {
                violations.add("status of unknown driver " + d.driverId());
            }
            drivers.put(d.driverId(), d.status());
        } else if (c instanceof Change.BookingInsert b) {
            inserted(b.row());
        } else if (c instanceof Change.BookingUpdate u) {
            updated(u.row(), u.from());
        } else if (c instanceof Change.PaymentInsert p) {
            BookingRow b = bookings.get(p.bookingId());
            if (b == null || b.status() != BookingStatus.COMPLETED || !paid.add(p.bookingId())) {
                violations.add("payment " + p.paymentId() + " for booking " + p.bookingId() + " that is "
                        + (b == null ? "unknown" : b.status()) + " or already paid");
            } else if (p.amount().compareTo(b.fareAmount()) != 0) {
                violations.add("payment of " + p.amount() + " for a fare of " + b.fareAmount());
            }
            paymentStatus.put(p.paymentId(), p.status());
        } else if (c instanceof Change.RatingInsert r) {
            BookingRow b = bookings.get(r.bookingId());
            if (b == null || b.status() != BookingStatus.COMPLETED || !rated.add(r.bookingId())) {
                violations.add("rating for booking " + r.bookingId() + " that is not completed or already rated");
            }
        } else if (c instanceof Change.LocationEvent l) {
            if (!events.add(l.eventId())) {
                violations.add("duplicate location event id " + l.eventId());
            }
            if (deletedDrivers.contains(l.driverId())) {
                violations.add("ping from deleted driver " + l.driverId());
            }
        } else if (c instanceof Change.PaymentRefund r) {
            if (!"PAID".equals(paymentStatus.put(r.paymentId(), "REFUNDED"))) {
                violations.add("refund of payment " + r.paymentId() + " that was not PAID");
            }
        } else if (c instanceof Change.RatingEdit r && !rated.contains(r.bookingId())) {
            violations.add("edit of a rating never given for booking " + r.bookingId());
        } else if (c instanceof Change.BookingDelete d) {
            BookingRow b = bookings.remove(d.bookingId());
            deletedBookings.add(d.bookingId());
            if (b == null || b.status() != BookingStatus.REQUESTED) {
                violations.add("delete of booking " + d.bookingId() + " that is "
                        + (b == null ? "unknown" : b.status().toString()));
            }
        } else if (c instanceof Change.DriverDelete d) {
            DriverStatus status = drivers.remove(d.driverId());
            deletedDrivers.add(d.driverId());
            if (status != DriverStatus.OFFLINE || namedDrivers.contains(d.driverId())) {
                violations.add("delete of driver " + d.driverId() + " who is " + status
                        + (namedDrivers.contains(d.driverId()) ? " and named by a booking" : ""));
            }
        }
    }

    private void inserted(BookingRow b) {
        if (bookings.containsKey(b.bookingId())) {
            violations.add("booking " + b.bookingId() + " inserted twice");
        }
        if (b.status() != BookingStatus.REQUESTED
                || b.driverId() != null
                || b.acceptedAt() != null
                || b.fareAmount() != null
                || b.cancelledAt() != null) {
            violations.add("booking " + b.bookingId() + " inserted in a state other than a fresh request: " + b);
        }
        if (b.surgeMultiplier().doubleValue() < 1 || b.estimatedFare().signum() <= 0) {
            violations.add("booking " + b.bookingId() + " has surge " + b.surgeMultiplier() + " and estimate "
                    + b.estimatedFare());
        }
        bookings.put(b.bookingId(), b);
    }

    private void updated(BookingRow now, BookingStatus from) {
        BookingRow before = bookings.get(now.bookingId());
        String id = "booking " + now.bookingId();
        if (before == null) {
            violations.add(id + " updated before it was inserted");
            return;
        }
        if (before.status() != from || !from.canMoveTo(now.status())) {
            violations.add(id + " moved " + before.status() + " -> " + now.status() + " (claimed from " + from + ")");
        }
        keep(id, "accepted_at", before.acceptedAt(), now.acceptedAt());
        keep(id, "arrived_at", before.arrivedAt(), now.arrivedAt());
        keep(id, "started_at", before.startedAt(), now.startedAt());
        if (now.driverId() != null) {
            namedDrivers.add(now.driverId());
        }
        if (before.driverId() != null && !before.driverId().equals(now.driverId())) {
            violations.add(id + " changed driver");
        }
        Instant stamp = switch (now.status()) {
            case ACCEPTED -> now.acceptedAt();
            case ARRIVED -> now.arrivedAt();
            case IN_PROGRESS -> now.startedAt();
            case COMPLETED -> now.completedAt();
            case CANCELLED -> now.cancelledAt();
            case REQUESTED -> now.requestedAt();
        };
        if (!Objects.equals(stamp, now.updatedAt()) || now.updatedAt().isBefore(before.updatedAt())) {
            violations.add(id + " reached " + now.status() + " at " + stamp + " but updated_at is " + now.updatedAt());
        }
        if ((now.status() == BookingStatus.COMPLETED) != (now.fareAmount() != null)) {
            violations.add(id + " has fare " + now.fareAmount() + " in " + now.status());
        }
        if ((now.status() == BookingStatus.CANCELLED) != (now.cancelledBy() != null)) {
            violations.add(id + " cancelled_by " + now.cancelledBy() + " in " + now.status());
        }
        if (now.status() == BookingStatus.ACCEPTED) {
            Long busy = driverServing.put(now.driverId(), now.bookingId());
            if (busy != null) {
                violations.add("driver " + now.driverId() + " accepted " + id + " while serving booking " + busy);
            }
        }
        if (!now.status().isOpen() && now.driverId() != null) {
            driverServing.remove(now.driverId(), now.bookingId());
        }
        bookings.put(now.bookingId(), now);
    }

    private void keep(String id, String column, Instant before, Instant after) {
        if (before != null && !before.equals(after)) {
            violations.add(id + " changed " + column + " from " + before + " to " + after);
        }
    }

    /** Drivers marked BUSY must be serving an open booking, and the other way round. */
    List<String> driverConsistency() {
        List<String> problems = new ArrayList<>();
        drivers.forEach((driver, status) -> {
            boolean serving = driverServing.containsKey(driver);
            if ((status == DriverStatus.BUSY) != serving) {
                problems.add("driver " + driver + " is " + status + (serving ? " while serving" : " serving nothing"));
            }
        });
        return problems;
    }

    Set<Long> deletedBookings() {
        return deletedBookings;
    }

    Map<Long, BookingRow> bookings() {
        return bookings;
    }
}
