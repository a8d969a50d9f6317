package dev.rideops.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @Test
    void theSpecOfTheLastUpIsReadBack() throws IOException {
        StackSpec spec = TestSpecs.defaults(home, home);
        JSON.writeValue(Stack.specFile(home).toFile(), spec);

        assertThat(Stack.savedSpec(home)).contains(spec);
    }

    @Test
    void aSpecWrittenByAnOlderRideopsWithoutLogSettingsIsNotUsed() throws IOException {
        ObjectNode old = JSON.valueToTree(TestSpecs.defaults(home, home));
        old.remove("logs");
        ((ObjectNode) old.get("kafka")).remove("retentionHours");
        Files.writeString(Stack.specFile(home), JSON.writeValueAsString(old));

        assertThat(Stack.savedSpec(home)).isEmpty();
    }
}
