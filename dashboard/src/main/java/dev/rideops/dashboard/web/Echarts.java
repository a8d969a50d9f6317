package dev.rideops.dashboard.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The ECharts library from its webjar ({@code org.webjars.npm:echarts}) on the classpath: the dashboard serves it
 * and bench's report.html inlines it, so neither fetches anything from a CDN.
 */
public final class Echarts {

    /** The webjar's minified bundle; the version is {@code echarts.version} in the root pom.xml: bump both together. */
    public static final String RESOURCE = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

    private Echarts() {}

    public static byte[] bytes() {
        try (InputStream in = Echarts.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        RESOURCE + " is not on the classpath: echarts.version in pom.xml and this path must agree");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
