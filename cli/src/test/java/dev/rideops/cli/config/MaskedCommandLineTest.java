package dev.rideops.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MaskedCommandLineTest {

    @Test
    void secretSettingsAreMaskedInBothSpellingsOfSet() {
        String shown = MaskedCommandLine.of(List.of(
                "--set",
                "source.password=s3cret",
                "up",
                "--volume",
                "large",
                "--set=search.password=hunter2",
                "--set",
                "source.port=15432"));

        assertThat(shown)
                .isEqualTo("rideops --set source.password=**** up --volume large --set=search.password=**** "
                        + "--set source.port=15432");
    }

    @Test
    void anEmptySecretAndOtherArgumentsAreShownAsTyped() {
        assertThat(MaskedCommandLine.of(List.of("deploy", "--set", "reporting.password=", "--only", "job")))
                .isEqualTo("rideops deploy --set reporting.password= --only job");
    }

    @Test
    void aNativeKeyThatNamesASecretIsMaskedToo() {
        assertThat(MaskedCommandLine.of(List.of(
                        "up",
                        "--set",
                        "search.settings.plugins.security.ssl.keystore_password=k3y",
                        "--set",
                        "kafka.properties.num.partitions=3")))
                .isEqualTo("rideops up --set search.settings.plugins.security.ssl.keystore_password=**** "
                        + "--set kafka.properties.num.partitions=3");
    }
}
