package dev.rideops.cli.pipeline;

import dev.rideops.cli.config.ConfigHandover;
import dev.rideops.cli.config.FlagValue;
import dev.rideops.cli.config.FlinkTls;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.SearchLogins;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.stack.Stack;
import dev.rideops.stack.lifecycle.ServiceFailedException;
import dev.rideops.stack.services.DashboardService;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts {@code rideops dashboard} as the stack's dashboard service, for {@code up}. */
public final class BackgroundDashboard {

    private BackgroundDashboard() {}

    /** Starts it with this command's config unless it runs already, and waits until it answers; returns its URL. */
    public static String start(Stack stack, RideopsConfig config, PrintWriter err) throws IOException {
        if (stack.dashboard().process().isPresent()) {
            return stack.dashboard().endpoint();
        }
        // it reads the mart as the read-only role, and the search node as its read-only user (whose password it
        // then needs: search.password only where a remote node has no such user); it asks for its own login; its
        // daily cohort batch runs on Flink through the REST API's TLS, with its own copies of the stores when it runs
        // as its own user
        DashboardService watcher = stack.dashboard();
        Map<Setting, Path> stores = FlinkTls.storeFiles(config);
        List<FlagValue> copies = new ArrayList<>();
        stores.forEach((setting, file) -> {
            Path copy = watcher.ownCopy(file);
            if (!copy.equals(file)) {
                copies.add(new FlagValue(setting, copy.toString(), "handed over (its copy of " + file + ")"));
            }
        });
        ConfigHandover handover = ServiceHandover.of(
                        config,
                        watcher,
                        Setting.READER_PASSWORD,
                        SearchLogins.reader(config).passwordSetting(),
                        Setting.DASHBOARD_PASSWORD,
                        Setting.FLINK_CLIENT_KEYSTORE_PASSWORD,
                        Setting.FLINK_TRUSTSTORE_PASSWORD)
                .plus(copies);
        DashboardService dashboard = stack.dashboard(handover.toJson(), List.copyOf(stores.values()));
        dashboard.start();
        try {
            dashboard.awaitHealthy(dashboard.startTimeout());
        } catch (ServiceFailedException e) {
            dashboard.stop(Duration.ofSeconds(10));
            e.logTail().forEach(line -> err.println("    " + line));
            throw new RideopsException(
                    "the dashboard did not start: " + e.getMessage(), "see 'rideops logs dashboard'");
        }
        return dashboard.endpoint();
    }
}
