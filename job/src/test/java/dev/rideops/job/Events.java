package dev.rideops.job;

import java.time.Instant;
import java.util.Locale;

/**
 * Debezium change events as the connector writes them (JSON, schemas off, numerics as strings, timestamptz as
 * ISO-8601), with times relative to a fixed start: {@code t(60)} is one minute in.
 */
public final class Events {

    public static final Instant START = Instant.parse("2026-03-02T08:00:00Z");

    private Events() {}

    public static String t(double seconds) {
        return START.plusNanos((long) (seconds * 1e9)).toString();
    }

    public static long micros(double seconds) {
        Instant i = START.plusNanos((long) (seconds * 1e9));
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }

    private static String ts(Double seconds) {
        return seconds == null ? "null" : "\"" + t(seconds) + "\"";
    }

    /** A bookings change event; pass null for steps not reached. */
    public static String booking(
            String op,
            long id,
            long rider,
            Long driver,
            String status,
            double surge,
            Double fare,
            Double requested,
            Double accepted,
            Double arrived,
            Double started,
            Double completed,
            Double cancelled,
            String cancelledBy,
            double updated) {
        String after = String.format(
                Locale.ROOT,
                "{\"booking_id\":%d,\"rider_id\":%d,\"driver_id\":%s,"
                        + "\"city\":\"HCM\",\"vehicle_type\":\"CAR\",\"status\":\"%s\",\"pickup_lat\":10.77,"
                        + "\"pickup_lon\":106.70,\"pickup_cell\":\"HCM-06-06\",\"dropoff_lat\":10.78,"
                        + "\"dropoff_lon\":106.71,\"dropoff_cell\":\"HCM-07-07\",\"distance_km\":\"2.500\","
                        + "\"eta_seconds\":%s,\"estimated_fare\":\"4.00\",\"fare_amount\":%s,\"surge_multiplier\":"
                        + "\"%.2f\",\"promo_code\":null,\"requested_at\":%s,\"accepted_at\":%s,\"arrived_at\":%s,"
                        + "\"started_at\":%s,\"completed_at\":%s,\"cancelled_at\":%s,\"cancelled_by\":%s,"
                        + "\"cancel_reason\":null,\"updated_at\":\"%s\"}",
                id,
                rider,
                driver == null ? "null" : driver.toString(),
                status,
                accepted == null ? "null" : "30",
                fare == null ? "null" : "\"" + String.format(Locale.ROOT, "%.2f", fare) + "\"",
                surge,
                ts(requested),
                ts(accepted),
                ts(arrived),
                ts(started),
                ts(completed),
                ts(cancelled),
                cancelledBy == null ? "null" : "\"" + cancelledBy + "\"",
                t(updated));
        return envelope(op, after);
    }

    public static String driver(long id, String status, double updated) {
        return envelope(
                "u",
                String.format(
                        Locale.ROOT,
                        "{\"driver_id\":%d,\"name\":\"D\",\"phone\":\"1\","
                                + "\"city\":\"HCM\",\"vehicle_type\":\"CAR\",\"license_plate\":\"x\",\"status\":\"%s\","
                                + "\"created_at\":\"%s\",\"updated_at\":\"%s\"}",
                        id,
                        status,
                        t(0),
                        t(updated)));
    }

    /** A ping as written before pings named their cell and the driver's status. */
    public static String location(long eventId, long driver, double speed, double recorded) {
        return envelope(
                "c",
                String.format(
                        Locale.ROOT,
                        "{\"event_id\":%d,\"driver_id\":%d,\"lat\":10.77,"
                                + "\"lon\":106.70,\"speed_kmh\":%.1f,\"heading\":90.0,\"recorded_at\":\"%s\"}",
                        eventId,
                        driver,
                        speed,
                        t(recorded)));
    }

    public static String location(
            long eventId, long driver, double speed, double recorded, String cell, String driverStatus) {
        return envelope(
                "c",
                String.format(
                        Locale.ROOT,
                        "{\"event_id\":%d,\"driver_id\":%d,\"lat\":10.77,"
                                + "\"lon\":106.70,\"speed_kmh\":%.1f,\"heading\":90.0,\"cell\":\"%s\",\"driver_status\":\"%s\","
                                + "\"recorded_at\":\"%s\"}",
                        eventId,
                        driver,
                        speed,
                        cell,
                        driverStatus,
                        t(recorded)));
    }

    public static String payment(long id, long booking, double amount, String status, double created) {
        return envelope(
                "c",
                String.format(
                        Locale.ROOT,
                        "{\"payment_id\":%d,\"booking_id\":%d,\"amount\":\"%.2f\","
                                + "\"method\":\"CARD\",\"status\":\"%s\",\"created_at\":\"%s\"}",
                        id,
                        booking,
                        amount,
                        status,
                        t(created)));
    }

    public static String rating(long booking, Integer riderRating, Integer driverRating, double created) {
        return envelope(
                "c",
                String.format(
                        Locale.ROOT,
                        "{\"booking_id\":%d,\"rider_rating\":%s," + "\"driver_rating\":%s,\"created_at\":\"%s\"}",
                        booking,
                        riderRating,
                        driverRating,
                        t(created)));
    }

    private static String envelope(String op, String after) {
        return "{\"before\":null,\"after\":" + after + ",\"source\":{\"connector\":\"postgresql\"},\"op\":\"" + op
                + "\",\"ts_ms\":1}";
    }

    /** The same change event with another op: "u" for an update, "r" for a snapshot read. */
    public static String withOp(String event, String op) {
        return event.replaceFirst("\"op\":\"[a-z]\"", "\"op\":\"" + op + "\"");
    }

    /**
     * The delete of the row a change event wrote, as Debezium sends it when the table has REPLICA IDENTITY FULL:
     * that row as the before-image, no after-image, committed {@code committed} seconds in.
     */
    public static String deleted(String event, double committed) {
        String after = event.substring(event.indexOf("\"after\":") + 8, event.indexOf(",\"source\":"));
        return deleteOf(after, committed);
    }

    /** A delete with the given before-image (a bare key where the table keeps the default replica identity). */
    public static String deleteOf(String before, double committed) {
        long millis = START.plusNanos((long) (committed * 1e9)).toEpochMilli();
        return "{\"before\":" + before + ",\"after\":null,\"source\":{\"connector\":\"postgresql\",\"ts_ms\":" + millis
                + "},\"op\":\"d\",\"ts_ms\":" + (millis + 5) + "}";
    }

    /** The same row as a snapshot read: {@code snapshot} is Debezium's {@code source.snapshot} ("incremental", "true"). */
    public static String snapshotRead(String event, String snapshot) {
        return withOp(event, "r")
                .replace(
                        "\"source\":{\"connector\":\"postgresql\"}",
                        "\"source\":{\"connector\":\"postgresql\",\"snapshot\":\"" + snapshot + "\"}");
    }
}
