package dev.rideops.job.cdc;

/**
 * One decoded change of a source row, as a Flink POJO: which table, the event time the contract assigns it (the
 * row's own timestamp column, never the time the pipeline saw it), and the typed after-image.
 */
public class SourceEvent {

    public String table;
    public long eventTime;
    public BookingRow booking;
    public DriverRow driver;
    public LocationRow location;
    public PaymentRow payment;
    public RatingRow rating;

    public SourceEvent() {}

    public static SourceEvent of(BookingRow b) {
        SourceEvent e = at("bookings", b.updatedAt);
        e.booking = b;
        return e;
    }

    public static SourceEvent of(DriverRow d) {
        SourceEvent e = at("drivers", d.updatedAt);
        e.driver = d;
        return e;
    }

    public static SourceEvent of(LocationRow l) {
        SourceEvent e = at("driver_location_events", l.recordedAt);
        e.location = l;
        return e;
    }

    public static SourceEvent of(PaymentRow p) {
        SourceEvent e = at("payments", p.createdAt);
        e.payment = p;
        return e;
    }

    public static SourceEvent of(RatingRow r) {
        SourceEvent e = at("ratings", r.createdAt);
        e.rating = r;
        return e;
    }

    /** An event of the table at its event time; the caller sets the row. */
    private static SourceEvent at(String table, long eventTime) {
        SourceEvent e = new SourceEvent();
        e.table = table;
        e.eventTime = eventTime;
        return e;
    }
}
