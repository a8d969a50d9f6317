package dev.rideops.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchLoginsTest {

    @TempDir
    Path work;

    @TempDir
    Path user;

    private RideopsConfig load(Map<String, String> env) {
        return new ConfigLoader(env, work, user)
                .load(Optional.empty(), List.of())
                .withGeneratedSecrets();
    }

    @Test
    void onTheLocalNodeEachUseHasItsOwnUserAndGeneratedPassword() {
        RideopsConfig config = load(Map.of());

        SearchLogins.Login admin = SearchLogins.admin(config);
        SearchLogins.Login writer = SearchLogins.writer(config);
        SearchLogins.Login reader = SearchLogins.reader(config);

        assertThat(List.of(admin.user(), writer.user(), reader.user()))
                .containsExactly("elastic", "rideops_search_writer", "rideops_search_reader");
        assertThat(List.of(admin.password(), writer.password(), reader.password()))
                .doesNotContain("")
                .doesNotHaveDuplicates();
        assertThat(config.origin(Setting.SEARCH_READER_PASSWORD)).endsWith("secrets/search-reader");
        assertThat(reader.toString()).doesNotContain(reader.password());
    }

    @Test
    void elasticPasswordIsTheAdminsAsInTheOriginalSystem() {
        RideopsConfig config = load(Map.of("ELASTIC_PASSWORD", "changeme123"));

        assertThat(SearchLogins.admin(config).password()).isEqualTo("changeme123");
        assertThat(SearchLogins.reader(config).password()).isNotEqualTo("changeme123");
    }

    @Test
    void aRemoteNodeIsAskedAsSearchUserUnlessAUserIsNamedForTheRole() {
        RideopsConfig remote = load(Map.of(
                "RIDEOPS_SEARCH_URL", "https://search.example:9200",
                "ELASTIC_PASSWORD", "remote-pw",
                "RIDEOPS_SEARCH_WRITER_USER", "pipeline"));

        assertThat(SearchLogins.reader(remote).user()).isEqualTo("elastic");
        assertThat(SearchLogins.reader(remote).password()).isEqualTo("remote-pw");
        assertThat(SearchLogins.reader(remote).passwordSetting()).isEqualTo(Setting.SEARCH_PASSWORD);
        assertThat(SearchLogins.writer(remote).user()).isEqualTo("pipeline");
        assertThat(SearchLogins.writer(remote).passwordSetting()).isEqualTo(Setting.SEARCH_WRITER_PASSWORD);
    }

    @Test
    void theComposeStackIsAskedAsTheUsersItsSetupCreates() {
        RideopsConfig compose = new ConfigLoader(
                        Map.of("ELASTIC_PASSWORD", "e", "RIDEOPS_SEARCH_READER_PASSWORD", "r"), work, user)
                .load(Optional.of(Path.of("../stack/compose/rideops.yaml").toAbsolutePath()), List.of());

        assertThat(SearchLogins.reader(compose).user()).isEqualTo("rideops_search_reader");
        assertThat(SearchLogins.reader(compose).password()).isEqualTo("r");
        assertThat(SearchLogins.writer(compose).user()).isEqualTo("rideops_search_writer");
        assertThat(SearchLogins.admin(compose).user()).isEqualTo("elastic");
        assertThat(SearchLogins.admin(compose).password()).isEqualTo("e");
    }
}
