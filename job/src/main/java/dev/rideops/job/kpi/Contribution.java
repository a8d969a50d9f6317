package dev.rideops.job.kpi;

/**
 * One source fact's share of a bucket metric: a value to add (a count of 1, a fare, a duration) or, for distinct
 * metrics, a member (a driver id). Keyed downstream by bucket.
 */
public class Contribution {
    public String granularity;
    public long bucketStart;
    public String metric;
    public double value;
    public Long member;
    /** The grid cell for the heatmap's metrics; null for the city-wide catalogue. */
    public String cell;
    /** Event time, for lateness. */
    public long eventTime;
    /** True when this takes back a contribution added before (a deleted row, or a row's old values on an update). */
    public boolean retract;

    public Contribution() {}

    public static Contribution of(Granularity g, long eventMicros, Metric metric, double value) {
        Contribution c = new Contribution();
        c.granularity = g.name();
        c.bucketStart = g.bucketStart(eventMicros);
        c.metric = metric.metricName();
        c.value = value;
        c.eventTime = eventMicros;
        return c;
    }

    public static Contribution member(Granularity g, long eventMicros, Metric metric, long member) {
        Contribution c = of(g, eventMicros, metric, 1);
        c.member = member;
        return c;
    }

    /** A contribution to one grid cell's minute, for the heatmap. */
    public static Contribution ofCell(String cell, long eventMicros, Metric metric, double value, Long member) {
        Contribution c = of(Granularity.MINUTE, eventMicros, metric, value);
        c.member = member;
        c.cell = cell;
        return c;
    }

    /** Marks this as taking back the same contribution; returns it. */
    public Contribution retracted() {
        retract = true;
        return this;
    }

    /** Whether two contributions add the same thing to the same bucket (a redelivered change adds nothing new). */
    public boolean sameAs(Contribution o) {
        return bucketStart == o.bucketStart
                && value == o.value
                && retract == o.retract
                && granularity.equals(o.granularity)
                && metric.equals(o.metric)
                && java.util.Objects.equals(member, o.member)
                && java.util.Objects.equals(cell, o.cell);
    }

    /** The key of the bucket this contribution belongs to: granularity, start and, for the heatmap, the cell. */
    public String bucketKey() {
        return cell == null ? granularity + "|" + bucketStart : granularity + "|" + bucketStart + "|" + cell;
    }

    @Override
    public String toString() {
        return granularity + "@" + bucketStart + " " + metric + (retract ? " retract" : "")
                + (member == null ? " +" + value : " member " + member);
    }
}
