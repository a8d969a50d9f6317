package dev.rideops.job.functions;

import dev.rideops.job.cdc.BookingRow;
import dev.rideops.job.cdc.DriverRow;
import dev.rideops.job.cdc.LocationRow;
import dev.rideops.job.cdc.PaymentRow;
import dev.rideops.job.cdc.RatingRow;
import dev.rideops.job.cdc.SourceEvent;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Splits decoded events into one typed stream per source table: bookings on the main output, the rest on side outputs. */
public class RouteByTable extends ProcessFunction<SourceEvent, BookingRow> {

    public static final OutputTag<DriverRow> DRIVERS = new OutputTag<>("drivers") {};
    public static final OutputTag<LocationRow> LOCATIONS = new OutputTag<>("locations") {};
    public static final OutputTag<PaymentRow> PAYMENTS = new OutputTag<>("payments") {};
    public static final OutputTag<RatingRow> RATINGS = new OutputTag<>("ratings") {};

    @Override
    public void processElement(SourceEvent e, Context ctx, Collector<BookingRow> out) {
        if (e.booking != null) {
            out.collect(e.booking);
        } else if (e.driver != null) {
            ctx.output(DRIVERS, e.driver);
        } else if (e.location != null) {
            ctx.output(LOCATIONS, e.location);
        } else if (e.payment != null) {
            ctx.output(PAYMENTS, e.payment);
        } else if (e.rating != null) {
            ctx.output(RATINGS, e.rating);
        }
    }
}
