package dev.rideops.stack;

import dev.rideops.stack.services.RegistryService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each local service needs running to do its work, so {@code start} brings up what a service needs and
 * {@code stop} names what would break. Pure data over service names; the order is the stack's start order
 * (tiers), which already respects these edges.
 *
 * <ul>
 *   <li>{@code connect} needs every broker and {@code source-db} (its connector reads the source's WAL), and the
 *       {@code registry} where it runs ({@code cdc.format: avro}: the converter registers the schemas there).
 *   <li>a TaskManager needs the JobManager, and what the job it runs reads and writes: every broker,
 *       {@code reporting-db} and {@code search}, and the {@code registry} where it runs (it reads the schemas).
 *   <li>{@code alertmanager} runs only beside {@code prometheus}; the {@code generator} writes to {@code source-db}.
 * </ul>
 */
public final class ServiceDependencies {

    /** Names that stand for several services, as users think of them. */
    public static final Map<String, String> GROUPS = groupDescriptions();

    private final List<String> order;
    private final Map<String, Set<String>> needs;

    /** @param services the stack's services in start order (the generator may be among them, last) */
    public ServiceDependencies(List<String> services) {
        this.order = List.copyOf(services);
        this.needs = new LinkedHashMap<>();
        List<String> brokers = matching("kafka-");
        for (String s : order) {
            Set<String> n = new LinkedHashSet<>();
            if (s.equals("connect")) {
                n.addAll(brokers);
                n.add(Stack.SOURCE_DB);
                n.add(RegistryService.NAME);
            } else if (s.startsWith("flink-taskmanager-")) {
                n.add("flink-jobmanager");
                n.addAll(brokers);
                n.add(Stack.REPORTING_DB);
                n.add("search");
                n.add(RegistryService.NAME);
            } else if (s.equals("alertmanager")) {
                n.add("prometheus");
            } else if (s.equals("generator")) {
                n.add(Stack.SOURCE_DB);
            }
            n.retainAll(order);
            needs.put(s, n);
        }
    }

    private static Map<String, String> groupDescriptions() {
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put("postgres", "source-db and reporting-db");
        groups.put("kafka", "every Kafka broker");
        groups.put("flink", "the JobManager and every TaskManager");
        groups.put("monitoring", "prometheus and alertmanager");
        return groups;
    }

    private List<String> matching(String prefix) {
        return order.stream().filter(s -> s.startsWith(prefix)).toList();
    }

    /**
     * The services a user's names stand for, in start order: a service name as {@code status} shows it, or a group
     * ({@link #GROUPS}). Throws {@link IllegalArgumentException} naming the first unknown one.
     */
    public List<String> resolve(List<String> names) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String name : names) {
            List<String> members = switch (name) {
                case "postgres" -> List.of(Stack.SOURCE_DB, Stack.REPORTING_DB);
                case "kafka" -> matching("kafka-");
                case "flink" -> matching("flink-");
                case "monitoring" ->
                    order.stream()
                            .filter(s -> s.equals("prometheus") || s.equals("alertmanager"))
                            .toList();
                default -> order.contains(name) ? List.of(name) : List.of();
            };
            if (members.isEmpty()) {
                throw new IllegalArgumentException(name);
            }
            wanted.addAll(members);
        }
        return inOrder(wanted);
    }

    /** What the service needs directly. */
    public Set<String> needs(String service) {
        return needs.getOrDefault(service, Set.of());
    }

    /** The services plus everything they need, transitively, in start order. */
    public List<String> withWhatTheyNeed(List<String> services) {
        Set<String> all = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(services);
        while (!todo.isEmpty()) {
            String s = todo.remove(todo.size() - 1);
            if (all.add(s)) {
                todo.addAll(needs(s));
            }
        }
        return inOrder(all);
    }

    /**
     * The services outside {@code stopping} that need one of them, transitively (a TaskManager needs the JobManager
     * whatever stops under it), in start order.
     */
    public List<String> dependentsOf(List<String> stopping) {
        Set<String> gone = new LinkedHashSet<>(stopping);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (String s : order) {
                if (!gone.contains(s) && needs(s).stream().anyMatch(gone::contains)) {
                    gone.add(s);
                    grew = true;
                }
            }
        }
        gone.removeAll(stopping);
        return inOrder(gone);
    }

    private List<String> inOrder(Set<String> names) {
        return order.stream().filter(names::contains).toList();
    }
}
