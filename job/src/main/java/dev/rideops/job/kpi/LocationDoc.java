package dev.rideops.job.kpi;

import dev.rideops.contract.CdcContract;
import dev.rideops.job.cdc.DeadLetter;
import java.time.Instant;

/** A driver's position as the search index stores it, with the driver's status at the time. */
public class LocationDoc {

    /** Where the pings come from: the topic a dead letter about one names. */
    static final String PINGS_TOPIC = CdcContract.topic("public.driver_location_events");

    public long eventId;
    public long driverId;
    public double lat;
    public double lon;
    public String status;
    public double speedKmh;
    public double heading;
    /** Event time in epoch microseconds. */
    public long recordedAt;

    public LocationDoc() {}

    /** The document as JSON; appended by hand because this runs for every ping and String.format was a tenth of the job. */
    public StringBuilder appendJson(StringBuilder out) {
        return out.append("{\"driver_id\":")
                .append(driverId)
                .append(",\"event_id\":")
                .append(eventId)
                .append(",\"location\":{\"lat\":")
                .append(lat)
                .append(",\"lon\":")
                .append(lon)
                .append("},\"status\":\"")
                .append(status)
                .append("\",\"speed_kmh\":")
                .append(speedKmh)
                .append(",\"heading\":")
                .append(heading)
                .append(",\"updated_at\":\"")
                .append(Instant.ofEpochSecond(
                        Math.floorDiv(recordedAt, 1_000_000L), Math.floorMod(recordedAt, 1_000_000L) * 1000))
                .append("\"}");
    }

    /** This document on the dead-letter topic: the search index cannot take it, for the given reason. */
    public DeadLetter deadLetter(String reason) {
        return new DeadLetter(
                PINGS_TOPIC, reason, appendJson(new StringBuilder(256)).toString());
    }
}
