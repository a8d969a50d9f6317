package dev.rideops.job.sinks;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.util.UserCodeClassLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deregisters the JDBC drivers the job jar brought when Flink releases the job's class loader. pgjdbc registers its
 * driver with {@link DriverManager}, a JDK class, as soon as the job first loads it; that entry would keep the job's
 * class loader, and its metaspace, alive on the TaskManager after the job ends, one more per redeploy or restart.
 * Flink's "user code class loader leaks" advice: a release hook.
 *
 * <p>pgjdbc's other threads need nothing here: its shared timer (query timeouts, unused by the job) runs without the
 * job's context class loader, and its cleaner thread ends by itself 30 s after the last connection closes.
 */
public final class DriverRelease implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(DriverRelease.class);
    private static final String HOOK = "rideops-jdbc-driver-release";
    /** What loaded Flink itself: drivers loaded there are the TaskManager's, shared by every job. */
    private static final ClassLoader FLINK = UserCodeClassLoader.class.getClassLoader();

    private final ClassLoader userCode;

    DriverRelease(ClassLoader userCode) {
        this.userCode = userCode;
    }

    /** Call where a writer is created: once per job class loader, however many writers a TaskManager runs. */
    public static void registerOn(UserCodeClassLoader userCode) {
        userCode.registerReleaseHookIfAbsent(HOOK, new DriverRelease(userCode.asClassLoader()));
    }

    /** The same for a function that connects in a task with no JDBC writer. */
    public static void registerOn(RuntimeContext context) {
        context.registerUserCodeClassLoaderReleaseHookIfAbsent(
                HOOK, new DriverRelease(context.getUserCodeClassLoader()));
    }

    @Override
    public void run() {
        // DriverManager lists only the drivers the caller's loader sees: as a class of the job jar, this one's
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (ofTheJob(driver.getClass())) {
                try {
                    DriverManager.deregisterDriver(driver);
                } catch (SQLException e) {
                    LOG.warn(
                            "could not deregister the JDBC driver {}: {}",
                            driver.getClass().getName(),
                            e.toString());
                }
            }
        }
    }

    /**
     * Loaded by the job's own class loader: the class the job sees under its name, and not from Flink's loader or
     * its parents (a MiniCluster without job jars runs the job in the application's loader, shared with the caller).
     */
    boolean ofTheJob(Class<?> driverClass) {
        ClassLoader loader = driverClass.getClassLoader();
        for (ClassLoader shared = FLINK; shared != null; shared = shared.getParent()) {
            if (loader == shared) {
                return false;
            }
        }
        try {
            return loader != null && Class.forName(driverClass.getName(), false, userCode) == driverClass;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
