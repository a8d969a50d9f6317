package dev.rideops.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The raw histograms are written so HdrHistogram's own reader gets every interval back, warm-up ones tagged. */
class LatencyLogsTest {

    private static Histogram interval(long startMillis, long... micros) {
        Histogram h = new Histogram(VisibilityTracker.HIGHEST_MICROS, 3);
        for (long v : micros) {
            h.recordValue(v);
        }
        h.setStartTimeStamp(startMillis);
        h.setEndTimeStamp(startMillis + 10_000);
        return h;
    }

    @Test
    void eachIntervalIsReadBackWithItsTimesAndTheWarmUpTagged(@TempDir Path dir) throws Exception {
        long base = 1_700_000_000_000L;
        LatencyLogs logs = new LatencyLogs(base);
        logs.interval(LatencyLogs.Series.SNAPSHOT, interval(base, 400_000), true);
        logs.interval(LatencyLogs.Series.SNAPSHOT, interval(base + 10_000, 450_000, 500_000), false);
        logs.writeTo(dir);

        List<Histogram> read = new ArrayList<>();
        try (HistogramLogReader reader =
                new HistogramLogReader(dir.resolve("snapshot.hlog").toFile())) {
            while (reader.hasNext()) {
                read.add((Histogram) reader.nextIntervalHistogram());
            }
        }

        assertThat(read).hasSize(2);
        assertThat(read.get(0).getTag()).isEqualTo("warmup");
        assertThat(read.get(1).getTag()).isNull();
        assertThat(read.get(1).getTotalCount()).isEqualTo(2);
        assertThat(read.get(1).getStartTimeStamp()).isEqualTo(base + 10_000);
        assertThat(dir.resolve("snapshot_intended.hlog")).exists();
        assertThat(dir.resolve("search.hlog")).exists();
        assertThat(dir.resolve("search_intended.hlog")).exists();
    }

    @Test
    void eachStepKeepsItsMeasuredTotals() throws Exception {
        LatencyLogs logs = new LatencyLogs(0);
        Histogram first = interval(0, 100);
        Histogram second = interval(0, 200, 300);
        logs.step(Map.of(LatencyLogs.Series.SNAPSHOT, first));
        logs.step(Map.of(LatencyLogs.Series.SNAPSHOT, second));

        assertThat(logs.stepTotal(1, LatencyLogs.Series.SNAPSHOT).getTotalCount())
                .isEqualTo(2);
        // a series without intervals is a valid log with none
        assertThat(new HistogramLogReader(new ByteArrayInputStream(
                                logs.log(LatencyLogs.Series.SEARCH).getBytes(StandardCharsets.US_ASCII)))
                        .nextIntervalHistogram())
                .isNull();
    }
}
