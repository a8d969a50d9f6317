package dev.rideops.job.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The release hook as it runs on a TaskManager: its class and the job's driver defined by the job's own class loader
 * (child-first, like Flink's for the job jar), next to drivers the TaskManager's loader or another job's defined.
 */
class DriverReleaseTest {

    @Test
    void theJobsDriverIsDeregisteredAndTheTaskManagersStays() throws Exception {
        JobJarLoader job = new JobJarLoader();
        AtomicInteger jobDriverReleased = register(job.driver());
        SharedDriver shared = new SharedDriver();
        AtomicInteger sharedReleased = register(shared);
        try {
            job.releaseHook().run();

            assertThat(jobDriverReleased).hasValue(1);
            assertThat(sharedReleased).hasValue(0);
        } finally {
            DriverManager.deregisterDriver(shared);
        }
    }

    @Test
    void anotherJobsDriverStaysUntilItsOwnLoaderIsReleased() throws Exception {
        JobJarLoader ending = new JobJarLoader();
        JobJarLoader running = new JobJarLoader();
        AtomicInteger endingReleased = register(ending.driver());
        AtomicInteger runningReleased = register(running.driver());

        ending.releaseHook().run();
        assertThat(endingReleased).hasValue(1);
        assertThat(runningReleased).hasValue(0);

        running.releaseHook().run();
        assertThat(runningReleased).hasValue(1);
    }

    /** Registers as pgjdbc does on class init, counting the times DriverManager lets the driver go. */
    private static AtomicInteger register(Driver driver) throws Exception {
        AtomicInteger released = new AtomicInteger();
        DriverManager.registerDriver(driver, released::incrementAndGet);
        return released;
    }

    /** Defines the hook and {@link JobDriver} itself; everything else comes from the test's loader, Flink's here. */
    private static final class JobJarLoader extends ClassLoader {

        private static final Set<String> OWN = Set.of(DriverRelease.class.getName(), JobDriver.class.getName());

        JobJarLoader() {
            super(DriverReleaseTest.class.getClassLoader());
        }

        Driver driver() throws Exception {
            return (Driver)
                    loadClass(JobDriver.class.getName()).getConstructor().newInstance();
        }

        /** The hook as this loader's copy of DriverRelease, handed this loader as the job's. */
        Runnable releaseHook() throws Exception {
            Constructor<?> hook = loadClass(DriverRelease.class.getName()).getDeclaredConstructor(ClassLoader.class);
            hook.setAccessible(true);
            return (Runnable) hook.newInstance(this);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!OWN.contains(name)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded != null) {
                    return loaded;
                }
                try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                    byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        }
    }

    /** A driver that is never asked to connect: only the loader that defined its class matters. */
    public abstract static class StubDriver implements Driver {
        @Override
        public Connection connect(String url, Properties info) {
            return null;
        }

        @Override
        public boolean acceptsURL(String url) {
            return false;
        }

        @Override
        public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
            return new DriverPropertyInfo[0];
        }

        @Override
        public int getMajorVersion() {
            return 1;
        }

        @Override
        public int getMinorVersion() {
            return 0;
        }

        @Override
        public boolean jdbcCompliant() {
            return false;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }
    }

    /** Defined by each {@link JobJarLoader}, as pgjdbc's driver is by the job jar's loader. */
    public static final class JobDriver extends StubDriver {}

    /** Defined by the test's loader, as a driver in Flink's lib/ is by the TaskManager's. */
    public static final class SharedDriver extends StubDriver {}
}
