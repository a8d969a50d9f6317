package dev.rideops.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The reporting migrations the job ships (job/src/main/resources/db/reporting), read from the checkout: what the
 * panels may query is what they create.
 */
public final class Migrations {

    public static final Path REPORTING = Path.of("..", "job", "src", "main", "resources", "db", "reporting");
    private static final Pattern CREATED =
            Pattern.compile("CREATE (?:TABLE|VIEW) mart\\.(\\w+)", Pattern.CASE_INSENSITIVE);

    private Migrations() {}

    /** Every migration's text, by file name, in order. */
    public static Map<String, String> reporting() {
        Map<String, String> sql = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(REPORTING)) {
            for (Path f : files.sorted().toList()) {
                sql.put(f.getFileName().toString(), Files.readString(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sql;
    }

    /** The mart's tables and views, without the schema. */
    public static Set<String> martRelations() {
        Set<String> names = new TreeSet<>();
        for (String sql : reporting().values()) {
            Matcher m = CREATED.matcher(sql);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** The body of one CREATE VIEW statement. */
    public static String view(String name) {
        for (String sql : reporting().values()) {
            int start = sql.indexOf("CREATE VIEW mart." + name + " ");
            if (start >= 0) {
                return sql.substring(start, sql.indexOf(';', start));
            }
        }
        throw new AssertionError("no view mart." + name + " in " + REPORTING);
    }
}
