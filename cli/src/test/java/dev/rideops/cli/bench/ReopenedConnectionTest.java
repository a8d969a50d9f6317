package dev.rideops.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A reporting database restarted under the pollers: the broken connection is closed and a new one opened. */
class ReopenedConnectionTest {

    private final List<AtomicBoolean> closed = new ArrayList<>();
    private boolean databaseUp = true;

    private Connection open() {
        if (!databaseUp) {
            throw new IllegalStateException("cannot connect to the reporting database");
        }
        AtomicBoolean isClosed = new AtomicBoolean();
        closed.add(isClosed);
        return (Connection) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        isClosed.set(true);
                    }
                    return null;
                });
    }

    @Test
    void aBrokenConnectionIsClosedAndTheNextUseOpensAnotherOnceTheDatabaseIsBack() {
        try (ReopenedConnection c = new ReopenedConnection(this::open)) {
            Connection first = c.get();
            assertThat(c.get()).isSameAs(first);

            databaseUp = false;
            c.broken();
            assertThat(closed.get(0)).isTrue();
            assertThatThrownBy(c::get).hasMessageContaining("cannot connect");

            databaseUp = true;
            Connection second = c.get();
            assertThat(second).isNotSameAs(first);
            assertThat(closed).hasSize(2);
        }
        assertThat(closed.get(1)).as("closed with the run").isTrue();
    }

    @Test
    void aDatabaseThatIsNotThereAtTheStartFailsAtOnce() {
        databaseUp = false;
        assertThatThrownBy(() -> new ReopenedConnection(this::open)).hasMessageContaining("cannot connect");
    }
}
