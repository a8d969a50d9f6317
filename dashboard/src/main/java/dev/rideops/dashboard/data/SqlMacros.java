package dev.rideops.dashboard.data;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands the Grafana macros the catalogue's SQL is written with into a statement with bound parameters, so the
 * built-in pages run exactly the SQL the Grafana export holds. Values are bound, never spliced in, except the
 * bucket view suffix, which {@link Selection#problem()} has limited to {@code minute} or {@code hour}.
 */
public final class SqlMacros {

    private static final Pattern MACRO =
            Pattern.compile("\\$__timeFilter\\((\\w+)\\)|\\$__timeFrom\\(\\)|\\$__timeTo\\(\\)|'\\$city'|\\$bucket");

    private SqlMacros() {}

    public record Statement(String sql, List<Object> parameters) {}

    public static Statement expand(String sql, Selection s) {
        Matcher m = MACRO.matcher(sql);
        StringBuilder out = new StringBuilder();
        List<Object> parameters = new ArrayList<>();
        while (m.find()) {
            String macro = m.group();
            String replacement;
            if (m.group(1) != null) {
                replacement = m.group(1) + " >= ? AND " + m.group(1) + " < ?";
                parameters.add(Timestamp.from(s.from()));
                parameters.add(Timestamp.from(s.to()));
            } else if (macro.equals("$__timeFrom()")) {
                replacement = "CAST(? AS timestamptz)";
                parameters.add(Timestamp.from(s.from()));
            } else if (macro.equals("$__timeTo()")) {
                replacement = "CAST(? AS timestamptz)";
                parameters.add(Timestamp.from(s.to()));
            } else if (macro.equals("'$city'")) {
                replacement = "?";
                parameters.add(s.city());
            } else {
                if (!s.bucket().equals("minute") && !s.bucket().equals("hour")) {
                    throw new IllegalArgumentException("bucket must be minute or hour, was " + s.bucket());
                }
                replacement = s.bucket();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return new Statement(out.toString(), parameters);
    }
}
