package dev.rideops.job.cohort;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;

/** A driver's day: trips completed, online hours, earnings, and both per online hour (null without online time). */
public record ProductivityRow(
        LocalDate day,
        long driverId,
        long trips,
        double onlineHours,
        BigDecimal earnings,
        Double tripsPerOnlineHour,
        Double earningsPerOnlineHour)
        implements Serializable {}
