package dev.rideops.job.batch;

import dev.rideops.job.cohort.CohortRules;
import dev.rideops.job.cohort.Member;
import dev.rideops.job.cohort.Productivity;
import dev.rideops.job.sinks.JdbcTarget;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads what one UTC day's cohorts and productivity need from the source database, as the activity definitions of
 * docs/KPI_CATALOGUE.md#cohorts state it: a rider is active on a day it requested a booking, a driver on a day it
 * completed a trip. The database reduces bookings to distinct (member, day) pairs; the counting is
 * {@link dev.rideops.job.cohort}'s.
 */
public class CohortSource implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Who is active on which day: a member column and the timestamp that makes it active. */
    enum Activity {
        RIDER("rider_id", "requested_at", "riders", "rider_id"),
        DRIVER("driver_id", "completed_at", "drivers", "driver_id");

        final String member;
        final String time;
        final String signupTable;
        final String signupKey;

        Activity(String member, String time, String signupTable, String signupKey) {
            this.member = member;
            this.time = time;
            this.signupTable = signupTable;
            this.signupKey = signupKey;
        }

        String days() {
            return "SELECT DISTINCT " + member + " AS member, (" + time + " AT TIME ZONE 'UTC')::date AS day "
                    + "FROM bookings WHERE " + time + " >= ? AND " + time + " < ?";
        }
    }

    private final JdbcTarget source;

    public CohortSource(JdbcTarget source) {
        this.source = source;
    }

    public Connection connect() throws SQLException {
        Connection c = source.connect();
        c.setReadOnly(true);
        // a cursor (fetch size) needs a transaction; one snapshot for all of a day's reads
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        return c;
    }

    /** Members of the cohorts by first active day dated within the day's window, with their active days. */
    public Collection<Member> firstActive(Connection c, Activity activity, LocalDate day, CohortRules rules)
            throws SQLException {
        // one aggregate over the whole history finds who started in the window (their first day needs it all);
        // only their active days inside the window are then listed
        LocalDate oldest = day.minusDays(rules.maxDayOffset());
        String sql = "WITH firsts AS (SELECT " + activity.member + " AS member, (min(" + activity.time
                + ") AT TIME ZONE 'UTC')::date AS first_day FROM bookings WHERE " + activity.time + " < ? GROUP BY "
                + activity.member + " HAVING min(" + activity.time + ") >= ?) SELECT f.member, f.first_day, a.day"
                + " FROM firsts f JOIN (" + activity.days() + ") a ON a.member = f.member";
        Map<Long, Member> members = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setFetchSize(10_000);
            s.setObject(1, endOf(day));
            s.setObject(2, startOf(oldest));
            s.setObject(3, startOf(oldest));
            s.setObject(4, endOf(day));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    LocalDate first = rs.getObject(2, LocalDate.class);
                    members.computeIfAbsent(rs.getLong(1), k -> new Member(first))
                            .activeOn(rs.getObject(3, LocalDate.class));
                }
            }
        }
        return members.values();
    }

    /** Members of the cohorts by sign-up day within the day's window, with their active days (maybe none). */
    public Collection<Member> signups(Connection c, Activity activity, LocalDate day, CohortRules rules)
            throws SQLException {
        LocalDate oldest = day.minusDays(rules.maxDayOffset());
        String sql = "SELECT m." + activity.signupKey + ", (m.created_at AT TIME ZONE 'UTC')::date, a.day FROM "
                + activity.signupTable + " m LEFT JOIN (" + activity.days() + ") a ON a.member = m."
                + activity.signupKey + " WHERE m.created_at >= ? AND m.created_at < ?";
        Map<Long, Member> members = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setFetchSize(10_000);
            s.setObject(1, startOf(oldest));
            s.setObject(2, endOf(day));
            s.setObject(3, startOf(oldest));
            s.setObject(4, endOf(day));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    LocalDate cohort = rs.getObject(2, LocalDate.class);
                    Member m = members.computeIfAbsent(rs.getLong(1), k -> new Member(cohort));
                    LocalDate active = rs.getObject(3, LocalDate.class);
                    if (active != null) {
                        m.activeOn(active);
                    }
                }
            }
        }
        return members.values();
    }

    /** The day's completed trips and pings, fed to the productivity count. */
    public Productivity productivity(Connection c, LocalDate day, CohortRules rules) throws SQLException {
        Productivity p = new Productivity(day, rules);
        try (PreparedStatement s = c.prepareStatement(
                "SELECT driver_id, fare_amount FROM bookings WHERE completed_at >= ? AND completed_at < ?")) {
            s.setFetchSize(10_000);
            s.setObject(1, startOf(day));
            s.setObject(2, endOf(day));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    p.trip(rs.getLong(1), rs.getBigDecimal(2));
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT driver_id, recorded_at FROM driver_location_events "
                + "WHERE recorded_at >= ? AND recorded_at < ? ORDER BY driver_id, recorded_at, event_id")) {
            s.setFetchSize(50_000);
            s.setObject(1, startOf(day));
            s.setObject(2, endOf(day));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime at = rs.getObject(2, OffsetDateTime.class);
                    p.ping(
                            rs.getLong(1),
                            ChronoUnit.MICROS.between(OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), at));
                }
            }
        }
        return p;
    }

    static OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    static OffsetDateTime endOf(LocalDate day) {
        return startOf(day.plusDays(1));
    }
}
