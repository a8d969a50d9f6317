package dev.rideops.job.cdc;

/** The after-image of a {@code payments} row. */
public class PaymentRow {
    public long paymentId;
    public long bookingId;
    public double amount;
    public String status;
    public long createdAt;

    public PaymentRow() {}
}
