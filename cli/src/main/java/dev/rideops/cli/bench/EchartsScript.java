package dev.rideops.cli.bench;

import dev.rideops.dashboard.web.Echarts;
import java.nio.charset.StandardCharsets;

/** The ECharts library for report.html to inline: the report is one file that opens anywhere, offline, with no CDN. */
final class EchartsScript {

    private EchartsScript() {}

    static String source() {
        return new String(Echarts.bytes(), StandardCharsets.UTF_8);
    }
}
