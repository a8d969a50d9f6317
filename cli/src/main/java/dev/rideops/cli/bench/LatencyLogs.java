package dev.rideops.cli.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * A run's raw latency histograms, so runs can be merged and re-plotted with HdrHistogram's own tools (e.g. {@code
 * HistogramLogProcessor}): one log per series ({@code snapshot.hlog}, ...; HistogramLogWriter's format, values in
 * microseconds, one histogram per interval, warm-up intervals tagged {@value #WARMUP_TAG} so untagged processing
 * reads only measured ones), and each step's measured total, from which the report draws the percentile plot.
 * The logs are kept compressed in memory: a raw histogram of this range is about 200 KB.
 */
public final class LatencyLogs {

    /**
     * What a histogram measures: which output, from the commit or from the intended time; or one leg of the path split
     * at Kafka (commit to Kafka, Kafka to each output).
     */
    public enum Series {
        SNAPSHOT,
        SEARCH,
        SNAPSHOT_INTENDED,
        SEARCH_INTENDED,
        KAFKA,
        SNAPSHOT_FROM_KAFKA,
        SEARCH_FROM_KAFKA;

        public String fileName() {
            return name().toLowerCase(Locale.ROOT) + ".hlog";
        }
    }

    static final String WARMUP_TAG = "warmup";

    /** The logs' max column in milliseconds (values are microseconds). */
    private static final double MAX_IN_MILLIS = 1000.0;

    private final long baseMillis;
    private final Map<Series, ByteArrayOutputStream> bytes = new EnumMap<>(Series.class);
    private final Map<Series, HistogramLogWriter> writers = new EnumMap<>(Series.class);
    private final List<Map<Series, Histogram>> stepTotals = new ArrayList<>();

    /** Logs whose times count from {@code baseMillis} (epoch ms, the run's start). */
    LatencyLogs(long baseMillis) {
        this.baseMillis = baseMillis;
        for (Series s : Series.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputComment("rideops bench: " + s.name().toLowerCase(Locale.ROOT) + " latency in microseconds; "
                    + "warm-up intervals tagged " + WARMUP_TAG);
            writer.outputLogFormatVersion();
            writer.outputStartTime(baseMillis);
            writer.setBaseTime(baseMillis);
            writer.outputBaseTime(baseMillis);
            writer.outputLegend();
            bytes.put(s, out);
            writers.put(s, writer);
        }
    }

    /** Appends one interval's histogram (its own start and end time stamps) to the series' log. */
    void interval(Series series, Histogram histogram, boolean warmup) {
        Histogram h = histogram.copy(); // tagged for the log only
        h.setTag(warmup ? WARMUP_TAG : null);
        writers.get(series)
                .outputIntervalHistogram(
                        (histogram.getStartTimeStamp() - baseMillis) / 1000.0,
                        (histogram.getEndTimeStamp() - baseMillis) / 1000.0,
                        h,
                        MAX_IN_MILLIS);
    }

    /** A step's measured totals, in the order of the result's steps. */
    void step(Map<Series, Histogram> totals) {
        stepTotals.add(new EnumMap<>(totals));
    }

    /** The measured total of the result's {@code step}-th step. */
    public Histogram stepTotal(int step, Series series) {
        return stepTotals.get(step).get(series);
    }

    /** The log of a series as its file holds it (the writer's PrintStream writes through, unbuffered). */
    public String log(Series series) {
        return bytes.get(series).toString(StandardCharsets.US_ASCII);
    }

    /** Writes {@code <series>.hlog} for each series into {@code dir}. */
    public void writeTo(Path dir) throws IOException {
        for (Series s : Series.values()) {
            Files.writeString(dir.resolve(s.fileName()), log(s), StandardCharsets.US_ASCII);
        }
    }
}
