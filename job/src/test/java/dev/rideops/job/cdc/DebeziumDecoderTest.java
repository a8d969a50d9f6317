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
    void tombstonesPingDeletesAndReferenceTablesDecodeToNothing() throws Exception {
        assertThat(decoder.decode("rideops.public.bookings", (byte[]) null)).isEmpty();
        assertThat(decoder.decode("rideops.public.bookings", new byte[0])).isEmpty();
        assertThat(decoder.decode(
                        "rideops.public.driver_location_events",
                        Events.deleted(Events.location(5, 9, 31.5, 2), 60).getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(decoder.decode(
                        "rideops.public.riders",
                        "{\"after\":{\"rider_id\":1},\"op\":\"c\"}".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
    }

    @Test
    void createsSnapshotReadsAndUpdatesSayWhichTheyAre() throws Exception {
        String paid = Events.payment(1, 7, 12.34, "PAID", 3);
        assertThat(decode("rideops.public.payments", paid).payment.change).isEqualTo(ChangeKind.CREATE);
        assertThat(decode("rideops.public.payments", Events.withOp(paid, "r")).payment.change)
                .isEqualTo(ChangeKind.CREATE);
        // with REPLICA IDENTITY FULL an update carries the before-image too: the after-image is what counts
        String refunded = Events.withOp(Events.payment(1, 7, 12.34, "REFUNDED", 3), "u")
                .replace(
                        "\"before\":null",
                        "\"before\":" + paid.substring(paid.indexOf("\"after\":") + 8, paid.indexOf(",\"source\"")));
        SourceEvent update = decode("rideops.public.payments", refunded);
        assertThat(update.payment.change).isEqualTo(ChangeKind.UPDATE);
        assertThat(update.payment.status).isEqualTo("REFUNDED");
        assertThat(decode("rideops.public.drivers", Events.driver(9, "BUSY", 5)).driver.change)
                .isEqualTo(ChangeKind.UPDATE);
    }

    @Test
    void anIncrementalSnapshotReadIsABootstrapAnInitialOneACreate() throws Exception {
        String driver = Events.driver(9, "BUSY", 5);
        assertThat(decode("rideops.public.drivers", Events.snapshotRead(driver, "incremental")).driver.change)
                .isEqualTo(ChangeKind.BOOTSTRAP);
        assertThat(decode("rideops.public.drivers", Events.snapshotRead(driver, "true")).driver.change)
                .isEqualTo(ChangeKind.CREATE);
        assertThat(decoder.decode(
                        "rideops.public.debezium_signal",
                        "{\"op\":\"c\",\"after\":{\"id\":\"x\",\"type\":\"snapshot-window-open\",\"data\":null}}"
                                .getBytes(StandardCharsets.UTF_8)))
                .as("signals and window marks count nothing")
                .isEmpty();
    }

    @Test
    void aDeleteCarriesItsFullBeforeImageAndIsTimedByItsCommit() throws Exception {
        String requested =
                Events.booking("c", 7, 3, null, "REQUESTED", 1.5, null, 10.0, null, null, null, null, null, null, 10.0);
        SourceEvent e = decode("rideops.public.bookings", Events.deleted(requested, 90));

        assertThat(e.table).isEqualTo("bookings");
        assertThat(e.booking.change).isEqualTo(ChangeKind.DELETE);
        assertThat(e.booking.bookingId).isEqualTo(7);
        assertThat(e.booking.riderId).isEqualTo(3);
        assertThat(e.booking.requestedAt).as("the row's own times stay").isEqualTo(micros(10));
        assertThat(e.booking.surgeMultiplier).isEqualTo(1.5);
        assertThat(e.eventTime).isEqualTo(micros(90));
        assertThat(e.booking.updatedAt).isEqualTo(micros(90));

        PaymentRow p =
                decode("rideops.public.payments", Events.deleted(Events.payment(1, 7, 12.34, "PAID", 3), 60)).payment;
        assertThat(p.change).isEqualTo(ChangeKind.DELETE);
        assertThat(p.status).isEqualTo("PAID");
        assertThat(p.createdAt).isEqualTo(micros(3));
        RatingRow r = decode("rideops.public.ratings", Events.deleted(Events.rating(7, 4, 5, 4), 60)).rating;
        assertThat(r.change).isEqualTo(ChangeKind.DELETE);
        assertThat(r.driverRating).isEqualTo(5);
    }

    @Test
    void aDeleteWithOnlyTheKeyDecodesToTheKey() throws Exception {
        SourceEvent driver = decode(
                "rideops.public.drivers", Events.deleteOf("{\"driver_id\":9,\"status\":null,\"updated_at\":null}", 60));
        assertThat(driver.driver.change).isEqualTo(ChangeKind.DELETE);
        assertThat(driver.driver.driverId).isEqualTo(9);
        assertThat(driver.eventTime).isEqualTo(micros(60));

        PaymentRow keyOnly = decode(
                        "rideops.public.payments",
                        Events.deleteOf("{\"payment_id\":4,\"amount\":null,\"created_at\":null}", 60))
                .payment;
        assertThat(keyOnly.paymentId).isEqualTo(4);
        assertThat(keyOnly.status).isNull();
        assertThat(keyOnly.change).isEqualTo(ChangeKind.DELETE);
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
        assertThatThrownBy(() -> decode("rideops.public.bookings", "{\"op\":\"d\",\"before\":null}"))
                .hasMessage("op 'd' without a before-image");
        assertThatThrownBy(() -> decode("rideops.public.drivers", "{\"op\":\"d\",\"before\":{\"driver_id\":1}}"))
                .hasMessage("drivers delete: no source.ts_ms to time it by");
    }

    /**
     * What the schema faults that change a column the job reads rely on (scenarios/faults/schema-drop-column.yaml,
     * schema-rename-read-column.yaml): a column gone from the event and a column sent empty read alike.
     */
    @Test
    void aRequiredColumnDroppedOrSentEmptyDeadLettersTheChangeAndAnOptionalOneRenamedReadsAsNotGiven()
            throws Exception {
        String ping = Events.location(1, 2, 30.0, 4);
        assertThatThrownBy(() -> decode("rideops.public.driver_location_events", ping.replace("\"heading\":90.0,", "")))
                .hasMessage("driver_location_events: missing heading");
        assertThatThrownBy(() -> decode(
                        "rideops.public.driver_location_events", ping.replace("\"heading\":90.0", "\"heading\":null")))
                .hasMessage("driver_location_events: missing heading");

        String renamed = Events.rating(7, 4, 5, 60).replace("\"driver_rating\":5", "\"driver_stars\":5");
        RatingRow rating = decode("rideops.public.ratings", renamed).rating;
        assertThat(rating.driverRating).isNull();
        assertThat(rating.riderRating).isEqualTo(4);
    }
    /** The JSON converter with schemas on wraps the event: the payload beside the schema is the event. */
    @Test
    void aSchemaEnvelopesPayloadIsTheEventDeletesIncluded() throws Exception {
        String delete = Events.deleted(Events.payment(1, 7, 12.34, "PAID", 3), 60);
        String wrapped =
                "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"field\":\"op\"}]},\"payload\":" + delete + "}";
        PaymentRow p = decode("rideops.public.payments", wrapped).payment;
        assertThat(p.change).isEqualTo(ChangeKind.DELETE);
        assertThat(p.status).as("the before-image is found inside the payload").isEqualTo("PAID");
        assertThat(decode("rideops.public.payments", wrapped).eventTime).isEqualTo(micros(60));
        // a payload without a schema beside it is just an unknown field
        assertThat(decode(
                                "rideops.public.drivers",
                                Events.driver(9, "BUSY", 5).replace("{\"before\"", "{\"payload\":1,\"before\""))
                        .driver
                        .status)
                .isEqualTo("BUSY");
        assertThatThrownBy(() -> decode("rideops.public.drivers", "{\"schema\":{},\"payload\":null}"))
                .hasMessage("unknown op ''");
    }

    /** Only a delete reads the before-image; an update's (REPLICA IDENTITY FULL) is skipped, broken or not. */
    @Test
    void anUpdatesBeforeImageIsNotRead() throws Exception {
        String update = Events.withOp(Events.payment(1, 7, 12.34, "REFUNDED", 3), "u")
                .replace("\"before\":null", "\"before\":{\"payment_id\":\"not a number\",\"nested\":{\"a\":[1,2]}}");
        assertThat(decode("rideops.public.payments", update).payment.status).isEqualTo("REFUNDED");
        String delete = update.replace("\"op\":\"u\"", "\"op\":\"d\"");
        assertThatThrownBy(() -> decode("rideops.public.payments", delete))
                .hasMessage("payments delete: payment_id is not a whole number: not a number");
    }

    @Test
    void valuesAreTypedAsBeforeWhateverTheirJsonType() throws Exception {
        String ping = Events.location(5, 9, 31.5, 2);
        LocationRow quoted = decode(
                        "rideops.public.driver_location_events",
                        ping.replace("\"event_id\":5", "\"event_id\":\"5\"")
                                .replace("\"lat\":10.77", "\"lat\":\"10.77\""))
                .location;
        assertThat(quoted.eventId).isEqualTo(5);
        assertThat(quoted.lat).isEqualTo(10.77);
        assertThatThrownBy(() -> decode(
                        "rideops.public.driver_location_events", ping.replace("\"event_id\":5", "\"event_id\":5.5")))
                .hasMessage("driver_location_events: event_id is not a whole number: 5.5");
        assertThatThrownBy(() -> decode(
                        "rideops.public.driver_location_events",
                        ping.replace("\"event_id\":5", "\"event_id\":99999999999999999999")))
                .hasMessage("driver_location_events: event_id is not a whole number: 99999999999999999999");
        assertThat(decode(
                                "rideops.public.driver_location_events",
                                ping.replace("\"heading\":90.0", "\"heading\":90,\"extra\":{\"deep\":[{\"x\":null}]}"))
                        .location
                        .heading)
                .isEqualTo(90.0);
        assertThatThrownBy(() -> decode("rideops.public.bookings", "{\"op\":\"c\",\"after\":{},\"x\":[1,"))
                .hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> decode("rideops.public.bookings", "[1,2]"))
                .hasMessage("not a Debezium change event (expected a JSON object)");
    }
}
