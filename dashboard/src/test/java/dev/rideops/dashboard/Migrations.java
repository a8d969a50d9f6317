package dev.rideops.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
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
            Pattern.compile("CREATE (?:OR REPLACE )?(?:TABLE|VIEW) mart\\.(\\w+)", Pattern.CASE_INSENSITIVE);

    private Migrations() {}

    /** Every migration's text, by file name, in order. */
    public static Map<String, String> reporting() {
        Map<String, String> sql = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(REPORTING)) {
            for (Path f :
                    files.sorted(Comparator.comparingInt(Migrations::version)).toList()) {
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

    /** The body of a view's newest CREATE [OR REPLACE] VIEW statement: what the mart has after every migration. */
    public static String view(String name) {
        Pattern create = Pattern.compile("CREATE (?:OR REPLACE )?VIEW mart\\." + name + " ");
        String body = null;
        for (String sql : reporting().values()) {
            Matcher m = create.matcher(sql);
            while (m.find()) {
                body = sql.substring(m.start(), sql.indexOf(';', m.start()));
            }
        }
        if (body == null) {
            throw new AssertionError("no view mart." + name + " in " + REPORTING);
        }
        return body;
    }

    private static int version(Path migration) {
        String file = migration.getFileName().toString();
        return Integer.parseInt(file.substring(1, file.indexOf("__")));
    }
}
