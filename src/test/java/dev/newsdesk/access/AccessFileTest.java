package dev.newsdesk.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsdesk.TestEngines;
import dev.newsdesk.config.NewsdeskException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The access file: who reads which collections, what Slack channels answer from, which admin tokens write where. */
class AccessFileTest {

    private static final String RULES = """
            everyone: [default]
            groups:
              investigations-desk: [investigations]
              editors: ["*"]
            people:
              Ana@Example.com: [legal]
            slack:
              channels:
                C0REGION: {collections: [regional], mention_only: false}
                C0LEGAL: [legal]
              other_channels: [default]
              direct_messages: [default, regional]
            admin_tokens:
              - sha256: %s
                collections: [regional]
            """.formatted(AccessRules.sha256("regional-token"));

    private final Path folder = TestEngines.tempDir("access");
    private final List<String> log = new ArrayList<>();

    private AccessFile file(String yaml) throws Exception {
        Path path = folder.resolve("access.yaml");
        Files.writeString(path, yaml);
        return new AccessFile(path, "all-token", log::add);
    }

    private static Person person(String email, String... groups) {
        return new Person("https://issuer sub-" + email, null, email, email.substring(email.indexOf('@') + 1), Set.of(groups));
    }

    @Test
    void a_person_reads_what_everyone_reads_and_what_their_groups_and_email_add() throws Exception {
        AccessFile access = file(RULES);

        assertThat(access.reader(person("bo@example.com")).collections()).containsExactly("default");
        assertThat(access.reader(person("bo@example.com", "investigations-desk", "unknown-group")).collections())
                .containsExactlyInAnyOrder("default", "investigations");
        assertThat(access.reader(person("ana@example.com")).collections()).containsExactlyInAnyOrder("default", "legal");
        assertThat(access.reader(person("bo@example.com", "editors"))).isEqualTo(Scope.ALL);
    }

    @Test
    void slack_channels_answer_from_their_collections_and_only_when_mentioned_unless_set_otherwise() throws Exception {
        AccessFile access = file(RULES);

        assertThat(access.channel("C0REGION")).isEqualTo(new Access.Channel(Scope.of(Set.of("regional")), false));
        assertThat(access.channel("C0LEGAL")).isEqualTo(new Access.Channel(Scope.of(Set.of("legal")), true));
        assertThat(access.channel("C0OTHER")).isEqualTo(new Access.Channel(Scope.of(Set.of("default")), true));
        assertThat(access.directMessages().collections()).containsExactlyInAnyOrder("default", "regional");
    }

    @Test
    void the_admin_token_of_the_environment_writes_everywhere_and_a_file_token_where_it_says() throws Exception {
        AccessFile access = file(RULES);

        assertThat(access.adminToken("all-token")).contains(Scope.ALL);
        assertThat(access.adminToken("regional-token")).contains(Scope.of(Set.of("regional")));
        assertThat(access.adminToken("guessed")).isEmpty();
        assertThat(access.adminToken("")).isEmpty();
        assertThat(access.hasAdminTokens()).isTrue();
    }

    @Test
    void without_a_file_everyone_and_every_channel_read_the_default_collection() {
        AccessFile access = new AccessFile(null, null, log::add);

        assertThat(access.reader(person("bo@example.com", "editors")).collections()).containsExactly("default");
        assertThat(access.channel("C0ANY").scope().collections()).containsExactly("default");
        assertThat(access.directMessages().collections()).containsExactly("default");
        assertThat(access.hasAdminTokens()).isFalse();
        assertThat(access.adminToken("anything")).isEmpty();
    }

    @Test
    void an_edit_applies_to_the_next_request_without_a_restart() throws Exception {
        AccessFile access = file(RULES);
        Path path = folder.resolve("access.yaml");

        Files.writeString(path, "everyone: [default, regional]\n");
        Files.setLastModifiedTime(path, FileTime.from(Instant.now().plusSeconds(5)));

        assertThat(access.reader(person("bo@example.com")).collections()).containsExactlyInAnyOrder("default", "regional");
    }

    @Test
    void an_edit_that_cannot_be_read_leaves_the_rules_as_they_were_and_says_why() throws Exception {
        AccessFile access = file(RULES);
        Path path = folder.resolve("access.yaml");

        Files.writeString(path, "everyone: [default\n");
        Files.setLastModifiedTime(path, FileTime.from(Instant.now().plusSeconds(5)));

        assertThat(access.reader(person("bo@example.com", "investigations-desk")).collections())
                .containsExactlyInAnyOrder("default", "investigations");
        assertThat(log).singleElement().asString().contains("cannot be used", "still apply");
    }

    @Test
    void a_file_that_cannot_be_read_at_start_stops_the_start_saying_what_to_fix() {
        assertThatThrownBy(() -> file("group:\n  desk: [investigations]\n"))
                .isInstanceOf(NewsdeskException.class).hasMessageContaining("[group]").hasMessageContaining("groups");
        assertThatThrownBy(() -> file("groups:\n  desk: [Investigations Desk]\n"))
                .isInstanceOf(NewsdeskException.class).hasMessageContaining("groups.desk")
                .hasMessageContaining("not collections");
        assertThatThrownBy(() -> file("admin_tokens:\n  - {sha256: plain-token, collections: [x]}\n"))
                .isInstanceOf(NewsdeskException.class).hasMessageContaining("sha256sum");
        assertThatThrownBy(() -> new AccessFile(folder.resolve("missing.yaml"), null, log::add))
                .isInstanceOf(NewsdeskException.class).hasMessageContaining("no such file");
    }

    @Test
    void with_domains_set_someone_of_another_organisation_reads_nothing() throws Exception {
        AccessFile access = file("domains: [example.com]\n" + RULES);

        assertThat(access.reader(person("bo@example.com", "investigations-desk")).collections())
                .containsExactlyInAnyOrder("default", "investigations");
        assertThat(access.reader(person("eve@elsewhere.org", "investigations-desk"))).isEqualTo(Scope.NONE);
        assertThat(access.reader(new Person("https://issuer no-email", null, null, null, Set.of()))).isEqualTo(Scope.NONE);
    }
}
