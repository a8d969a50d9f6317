package dev.rideops.stack.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

    @TempDir
    Path home;

    @Test
    void aSecretIsGeneratedOnceIntoAFileOnlyItsOwnerCanRead() throws Exception {
        Secrets secrets = new Secrets(home);
        assertThat(secrets.read(Secrets.CDC)).isEmpty();

        String first = secrets.getOrCreate(Secrets.CDC);

        assertThat(first).matches("[A-Za-z0-9_-]{32}");
        assertThat(new Secrets(home).getOrCreate(Secrets.CDC)).isEqualTo(first);
        assertThat(secrets.getOrCreate(Secrets.READER)).isNotEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.dir())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.file(Secrets.CDC))))
                .isEqualTo("rw-------");
        try (var files = Files.list(secrets.dir())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(Secrets.CDC, Secrets.READER);
        }
    }

    @Test
    void aSecretTheUserSetIsStoredInPlaceOfTheGeneratedOne() throws Exception {
        Secrets secrets = new Secrets(home);
        secrets.getOrCreate(Secrets.SOURCE_WRITER);

        secrets.store(Secrets.SOURCE_WRITER, "chosen by me");

        assertThat(secrets.read(Secrets.SOURCE_WRITER)).contains("chosen by me");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.file(Secrets.SOURCE_WRITER))))
                .isEqualTo("rw-------");
    }

    @Test
    void anOpenSecretsDirectoryIsClosedAndALinkInItsPlaceIsRefused() throws Exception {
        Path dir = Files.createDirectories(home.resolve("secrets"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        new Secrets(home).getOrCreate(Secrets.MART_WRITER);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");

        Path elsewhere = Files.createDirectories(home.resolve("elsewhere"));
        Path other = home.resolve("other");
        Files.createDirectories(other);
        Files.createSymbolicLink(other.resolve("secrets"), elsewhere);
        assertThatThrownBy(() -> new Secrets(other).getOrCreate(Secrets.POSTGRES_ADMIN))
                .hasMessageContaining("symbolic link");
        assertThat(Files.exists(elsewhere.resolve(Secrets.POSTGRES_ADMIN), LinkOption.NOFOLLOW_LINKS))
                .isFalse();
    }

    @Test
    void aServicesOwnStoreIsPassableByItsUserWhoAloneReadsItsFiles() throws Exception {
        boolean root = System.getProperty("user.name").equals("root");
        Path dir = home.resolve("services/connect/conf/secrets");
        Files.createDirectories(dir.getParent());

        Path file = Secrets.ofService(dir, java.util.Optional.of(dev.rideops.stack.os.ServerUser.named(root, "nobody")))
                .storeFile("connector.properties", "database.password=x\n");

        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.getOwner(file).getName()).isEqualTo(root ? "nobody" : System.getProperty("user.name"));
        // as root the directory stays root's, which the service's user may pass but not list or change
        assertThat(Files.getOwner(dir).getName()).isEqualTo(System.getProperty("user.name"));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo(root ? "rwx--x--x" : "rwx------");
        assertThat(Files.readString(file)).isEqualTo("database.password=x\n");
    }
}
