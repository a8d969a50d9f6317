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
        SourceEvent e = new SourceEvent();
        e.table = "bookings";
        e.booking = b;
        e.eventTime = b.updatedAt;
        return e;
    }

    public static SourceEvent of(DriverRow d) {
        SourceEvent e = new SourceEvent();
        e.table = "drivers";
        e.driver = d;
        e.eventTime = d.updatedAt;
        return e;
    }

    public static SourceEvent of(LocationRow l) {
        SourceEvent e = new SourceEvent();
        e.table = "driver_location_events";
        e.location = l;
        e.eventTime = l.recordedAt;
        return e;
    }

    public static SourceEvent of(PaymentRow p) {
        SourceEvent e = new SourceEvent();
        e.table = "payments";
        e.payment = p;
        e.eventTime = p.createdAt;
        return e;
    }

    public static SourceEvent of(RatingRow r) {
        SourceEvent e = new SourceEvent();
        e.table = "ratings";
        e.rating = r;
        e.eventTime = r.createdAt;
        return e;
    }
}
