package dev.rideops.job.functions;

import dev.rideops.job.cdc.DeadLetter;
import dev.rideops.job.kpi.LocationDoc;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keeps documents the search index would refuse (a position off the globe, a speed or heading that is not a
 * number) away from the search sink: they go to the dead-letter output with the reason. Caught here, such a ping
 * costs one dead letter instead of a rejected bulk item. Only the search documents are checked: the mart counts
 * pings on its own branch, so its figures do not change.
 */
public class SearchDocumentCheck extends ProcessFunction<LocationDoc, LocationDoc> {

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("search-dead-letters") {};

    private transient Counter invalid;

    @Override
    public void open(Configuration parameters) {
        invalid = getRuntimeContext().getMetricGroup().counter("rideops_search_invalid");
    }

    @Override
    public void processElement(LocationDoc doc, Context ctx, Collector<LocationDoc> out) {
        String problem = problem(doc);
        if (problem == null) {
            out.collect(doc);
        } else {
            invalid.inc();
            ctx.output(DEAD_LETTERS, doc.deadLetter("not indexed: " + problem));
        }
    }

    /** Why the index cannot take the document, or null when it can. The comparisons are false for NaN too. */
    static String problem(LocationDoc d) {
        if (!(d.lat >= -90 && d.lat <= 90)) {
            return "latitude " + d.lat + " outside [-90, 90]";
        }
        if (!(d.lon >= -180 && d.lon <= 180)) {
            return "longitude " + d.lon + " outside [-180, 180]";
        }
        if (!Double.isFinite(d.speedKmh)) {
            return "speed_kmh " + d.speedKmh + " is not a finite number";
        }
        if (!Double.isFinite(d.heading)) {
            return "heading " + d.heading + " is not a finite number";
        }
        return null;
    }
}
