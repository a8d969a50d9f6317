package dev.rideops.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A line chart as inline SVG, so the HTML report needs nothing from the network. */
final class SvgChart {

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd"};
    private static final int W = 760;
    private static final int H = 240;
    private static final int PAD = 48;

    private final String title;
    private final String unit;
    private final Map<String, List<double[]>> series = new LinkedHashMap<>();

    SvgChart(String title, String unit) {
        this.title = title;
        this.unit = unit;
    }

    /** Adds a point; a null value is a gap (no figure in that interval). */
    SvgChart point(String name, double x, Double y) {
        List<double[]> points = series.computeIfAbsent(name, n -> new ArrayList<>());
        if (y != null && y >= 0) {
            points.add(new double[] {x, y});
        }
        return this;
    }

    String svg() {
        double maxX = 1;
        double maxY = 1;
        for (List<double[]> points : series.values()) {
            for (double[] p : points) {
                maxX = Math.max(maxX, p[0]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                        + "font-family=\"sans-serif\" font-size=\"11\">",
                W,
                H + 30));
        s.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"14\" font-size=\"13\" font-weight=\"bold\">%s</text>",
                PAD,
                escape(title)));
        s.append(String.format(
                Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>", PAD, H, W - 10, H));
        s.append(String.format(
                Locale.ROOT, "<line x1=\"%d\" y1=\"24\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>", PAD, PAD, H));
        s.append(String.format(
                Locale.ROOT,
                "<text x=\"2\" y=\"30\">%s</text><text x=\"2\" y=\"%d\">0</text>",
                escape(format(maxY) + " " + unit),
                H));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s s</text>", W - 60, H + 14, format(maxX)));
        int colour = 0;
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            String c = COLOURS[colour % COLOURS.length];
            StringBuilder path = new StringBuilder();
            for (double[] p : e.getValue()) {
                path.append(String.format(
                        Locale.ROOT, "%.1f,%.1f ", PAD + p[0] / maxX * (W - 10 - PAD), H - p[1] / maxY * (H - 24)));
            }
            s.append("<polyline fill=\"none\" stroke=\"")
                    .append(c)
                    .append("\" stroke-width=\"2\" points=\"")
                    .append(path.toString().trim())
                    .append("\"/>");
            s.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>",
                    PAD + colour * 150,
                    H + 28,
                    c,
                    escape(e.getKey())));
            colour++;
        }
        return s.append("</svg>").toString();
    }

    private static String format(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
