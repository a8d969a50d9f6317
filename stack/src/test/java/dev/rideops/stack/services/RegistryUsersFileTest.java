package dev.rideops.stack.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryUsersFileTest {

    /**
     * Computed outside rideops: Elytron 2.8.4's own {@code PasswordFactory} ({@code digest-sha-512}, the registry's
     * {@code WildFlyElytronPasswordProvider}) verified {@code s3cret-Pass_word} against a {@code DigestPasswordSpec} of
     * this digest for {@code registry-job} in realm {@code Quarkus}, and refused {@code wrong}.
     */
    private static final String ELYTRON_VERIFIED = "a1b82ea9b3d9313f158b35fb63303eaa58dd064e665256385eabfeb121b7de54"
            + "18813f4d2d100b1fa09024346544a2cd69dd279fcc7838d50f3d96bea13e4c84";

    @Test
    void theDigestIsTheOneElytronVerifiesTheRightPasswordAgainst() {
        assertThat(RegistryUsersFile.digest("registry-job", "s3cret-Pass_word")).isEqualTo(ELYTRON_VERIFIED);
        assertThat(RegistryUsersFile.digest("registry-job", "wrong")).isNotEqualTo(ELYTRON_VERIFIED);
        // the user is part of what is digested: the same password under another name does not verify
        assertThat(RegistryUsersFile.digest("registry-connect", "s3cret-Pass_word"))
                .isNotEqualTo(ELYTRON_VERIFIED);
    }

    @Test
    void eachUserIsADigestAndItsRolesNeverItsPassword() {
        String content = RegistryUsersFile.content(List.of(
                new UserLogin("registry-connect", RegistryUsersFile.DEVELOPER, "pw-one"),
                new UserLogin("registry-job", RegistryUsersFile.READ_ONLY, "s3cret-Pass_word")));

        assertThat(content.lines().filter(line -> !line.startsWith("#")))
                .containsExactly(
                        "quarkus.security.users.embedded.users.registry-connect="
                                + RegistryUsersFile.digest("registry-connect", "pw-one"),
                        "quarkus.security.users.embedded.roles.registry-connect=sr-developer",
                        "quarkus.security.users.embedded.users.registry-job=" + ELYTRON_VERIFIED,
                        "quarkus.security.users.embedded.roles.registry-job=sr-readonly");
        assertThat(content).doesNotContain("pw-one").doesNotContain("s3cret");
    }

    @Test
    void refusesANameThatWouldSplitItsConfigKey() {
        assertThatThrownBy(() -> RegistryUsersFile.content(
                        List.of(new UserLogin("registry.job", RegistryUsersFile.READ_ONLY, "x"))))
                .hasMessageContaining("'registry.job'")
                .hasMessageContaining("letters, digits, '_' and '-' only");
    }
}
