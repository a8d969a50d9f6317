package dev.rideops.cli.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The ECharts library, read from its webjar ({@code org.webjars.npm:echarts}) on the classpath, for report.html to
 * inline: the report is one file that opens anywhere, offline, with no CDN.
 */
final class EchartsScript {

    /** The webjar's minified bundle; the version is {@code echarts.version} in the root pom.xml. */
    static final String RESOURCE = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

    private EchartsScript() {}

    static String source() {
        try (InputStream in = EchartsScript.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        RESOURCE + " is not on the classpath: echarts.version in pom.xml and this path must agree");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
