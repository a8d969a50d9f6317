package dev.rideops.job.cdc;

import static dev.rideops.job.Events.micros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rideops.job.Events;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DebeziumDecoderTest {

    private final DebeziumDecoder decoder = new DebeziumDecoder();

    private SourceEvent decode(String topic, String json) throws MalformedEventException {
        return decoder.decode(topic, json.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }

    @Test
    void bookingAfterImageIsTypedWithMicrosecondTimes() throws Exception {
        SourceEvent e = decode(
                "rideops.public.bookings",
                Events.booking(
                        "u",
                        7,
                        3,
                        11L,
                        "COMPLETED",
                        1.5,
                        12.34,
                        0.0,
                        10.5,
                        40.0,
                        55.0,
                        300.000123,
                        null,
                        null,
                        300.000123));

        BookingRow b = e.booking;
        assertThat(e.table).isEqualTo("bookings");
        assertThat(b.bookingId).isEqualTo(7);
        assertThat(b.driverId).isEqualTo(11L);
        assertThat(b.surgeMultiplier).isEqualTo(1.5);
        assertThat(b.fareAmount).isEqualTo(12.34);
        assertThat(b.distanceKm).isEqualTo(2.5);
        assertThat(b.acceptedAt).isEqualTo(micros(10.5));
        assertThat(b.completedAt).isEqualTo(micros(300.000123));
        assertThat(b.cancelledAt).isNull();
        assertThat(e.eventTime).isEqualTo(micros(300.000123));
    }

    @Test
    void eachFactTableDecodes() throws Exception {
        assertThat(decode("rideops.public.driver_location_events", Events.location(5, 9, 31.5, 2)).location.speedKmh)
                .isEqualTo(31.5);
        assertThat(decode("rideops.public.payments", Events.payment(1, 7, 12.34, "PAID", 3)).payment.amount)
                .isEqualTo(12.34);
        RatingRow rating = decode("rideops.public.ratings", Events.rating(7, null, 5, 4)).rating;
        assertThat(rating.riderRating).isNull();
        assertThat(rating.driverRating).isEqualTo(5);
        assertThat(decode("rideops.public.drivers", Events.driver(9, "BUSY", 5)).driver.status)
                .isEqualTo("BUSY");
    }

    @Test
    void deletesTombstonesAndReferenceTablesDecodeToNothing() throws Exception {
        assertThat(decoder.decode("rideops.public.bookings", null)).isEmpty();
        assertThat(decoder.decode(
                        "rideops.public.bookings",
                        "{\"before\":{\"booking_id\":1},\"after\":null,\"op\":\"d\"}".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(decoder.decode(
                        "rideops.public.riders",
                        "{\"after\":{\"rider_id\":1},\"op\":\"c\"}".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
    }

    @Test
    void malformedEventsSayWhy() {
        assertThatThrownBy(() -> decode("rideops.public.bookings", "{not json"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> decode("rideops.public.bookings", "{\"op\":\"x\",\"after\":{}}"))
                .hasMessage("unknown op 'x'");
        assertThatThrownBy(() -> decode("rideops.public.payments", "{\"op\":\"c\",\"after\":{\"payment_id\":1}}"))
                .hasMessage("payments: missing booking_id");
        assertThatThrownBy(() -> decode(
                        "rideops.public.driver_location_events",
                        Events.location(1, 2, 3, 4).replace("\"lat\":10.77", "\"lat\":\"north\"")))
                .hasMessageContaining("lat is not a number");
        assertThatThrownBy(() -> decode("rideops.public.bananas", "{\"op\":\"c\",\"after\":{}}"))
                .hasMessage("unknown table 'bananas'");
    }
}
