package dev.rideops.job.cdc;

/** The after-image of a {@code payments} row. */
public class PaymentRow {
    public long paymentId;
    public long bookingId;
    public double amount;
    public String status;
    public long createdAt;
    /** {@link ChangeKind}: created, updated or deleted (then this is the before-image). */
    public byte change;

    public PaymentRow() {}

    @Override
    public String toString() {
        return "payment " + paymentId + " of booking " + bookingId + ": " + status + " " + amount + " at " + createdAt;
    }
}
