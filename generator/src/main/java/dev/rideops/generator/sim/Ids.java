package dev.rideops.generator.sim;

/** Ids for new rows, continuing after the largest ids already stored, so runs can follow each other. */
public final class Ids {

    private long rider;
    private long driver;
    private long booking;
    private long locationEvent;
    private long payment;

    public Ids(long maxRider, long maxDriver, long maxBooking, long maxLocationEvent, long maxPayment) {
        this.rider = maxRider;
        this.driver = maxDriver;
        this.booking = maxBooking;
        this.locationEvent = maxLocationEvent;
        this.payment = maxPayment;
    }

    public static Ids fresh() {
        return new Ids(0, 0, 0, 0, 0);
    }

    public long rider() {
        return ++rider;
    }

    public long driver() {
        return ++driver;
    }

    public long booking() {
        return ++booking;
    }

    public long locationEvent() {
        return ++locationEvent;
    }

    public long payment() {
        return ++payment;
    }
}
