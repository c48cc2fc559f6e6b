package dev.newsdesk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void defaults_run_offline_on_the_seeds() {
        Settings settings = Settings.from(Map.of());

        assertThat(settings.corpus()).isEqualTo(Path.of("seeds"));
        assertThat(settings.index()).isEqualTo(Path.of("data/index"));
        assertThat(settings.conversations()).isEqualTo(Path.of("data/conversations"));
        assertThat(settings.port()).isEqualTo(7070);
        assertThat(settings.llm().enabled()).isFalse();
        assertThat(settings.slack().enabled()).isFalse();
    }

    @Test
    void environment_variables_override_the_defaults() {
        Settings settings = Settings.from(Map.of("NEWSDESK_PORT", "8080", "NEWSDESK_LLM", "Ollama",
                "SLACK_SIGNING_SECRET", "s3cret", "SLACK_BOT_TOKEN", "xoxb-1", "NEWSDESK_CONVERSATIONS", "/srv/chats"));

        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.conversations()).isEqualTo(Path.of("/srv/chats"));
        assertThat(settings.llm().backend()).isEqualTo("ollama");
        assertThat(settings.llm().baseUrl()).isEqualTo("http://localhost:11434");
        assertThat(settings.slack().enabled()).isTrue();
        assertThat(settings.slack().toString()).doesNotContain("s3cret", "xoxb-1");
    }

    @Test
    void the_store_is_lucene_unless_opensearch_is_chosen_with_its_nodes_credentials_and_index_prefix() {
        assertThat(Settings.from(Map.of()).store().openSearch()).isFalse();

        Settings.Store store = Settings.from(Map.of("NEWSDESK_STORE", "OpenSearch",
                "OPENSEARCH_URL", "https://os1:9200, https://os2:9200", "OPENSEARCH_USER", "newsdesk",
                "OPENSEARCH_PASSWORD", "pa55", "OPENSEARCH_INDEX", "news", "OPENSEARCH_REPLICAS", "2")).store();

        assertThat(store.openSearch()).isTrue();
        assertThat(store.urls()).extracting(URI::getHost).containsExactly("os1", "os2");
        assertThat(store.prefix()).isEqualTo("news");
        assertThat(store.replicas()).isEqualTo(2);
        assertThat(store.toString()).doesNotContain("pa55");
        assertThatThrownBy(() -> Settings.from(Map.of("NEWSDESK_STORE", "solr")))
                .isInstanceOf(NewsdeskException.class).hasMessageContaining("NEWSDESK_STORE='solr'");
    }

    @Test
    void replicas_renew_the_writer_lease_every_fifteen_seconds_unless_told_and_snapshots_need_a_folder() {
        Settings.Store defaults = Settings.from(Map.of()).store();
        Settings.Store set = Settings.from(Map.of("NEWSDESK_WRITER_LEASE_SECONDS", "30",
                "NEWSDESK_PUBLIC_URL", "https://news-1.internal:7070/", "OPENSEARCH_SNAPSHOT_LOCATION", "/mnt/backups")).store();

        assertThat(defaults.writerLease()).isEqualTo(Duration.ofSeconds(15));
        assertThat(defaults.advertisedUrl()).isNull();
        assertThat(defaults.snapshots()).isNull();
        assertThat(set.writerLease()).isEqualTo(Duration.ofSeconds(30));
        assertThat(set.advertisedUrl()).isEqualTo("https://news-1.internal:7070/");
        assertThat(set.snapshots()).isEqualTo(Path.of("/mnt/backups"));
        assertThatThrownBy(() -> Settings.from(Map.of("NEWSDESK_WRITER_LEASE_SECONDS", "0")))
                .isInstanceOf(NewsdeskException.class).hasMessageContaining("NEWSDESK_WRITER_LEASE_SECONDS");
    }

    @Test
    void the_reader_reads_three_chunks_unless_told_otherwise_and_can_be_turned_off() {
        Settings.Reading defaults = Settings.from(Map.of()).reading();
        Settings.Reading off = Settings.from(Map.of("NEWSDESK_READER", "OFF", "NEWSDESK_READER_PASSAGES", "5",
                "NEWSDESK_READER_MODEL", "/models/reader.onnx")).reading();

        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.passages()).isEqualTo(3);
        assertThat(defaults.windowTokens()).isEqualTo(192);
        assertThat(defaults.model()).isNull();
        assertThat(off.enabled()).isFalse();
        assertThat(off.passages()).isEqualTo(5);
        assertThat(off.model()).isEqualTo(Path.of("/models/reader.onnx"));
        assertThatThrownBy(() -> Settings.from(Map.of("NEWSDESK_READER", "maybe")))
                .isInstanceOf(NewsdeskException.class).hasMessageContaining("NEWSDESK_READER='maybe'", "on or off");
    }

    @Test
    void a_bad_value_says_which_variable_to_fix() {
        assertThatThrownBy(() -> Settings.from(Map.of("NEWSDESK_PORT", "seventy")))
                .isInstanceOf(NewsdeskException.class).hasMessageContaining("NEWSDESK_PORT='seventy'");
        assertThatThrownBy(() -> Settings.from(Map.of("NEWSDESK_LLM", "gpt")))
                .isInstanceOf(NewsdeskException.class).hasMessageContaining("none, openai or ollama");
    }

    @Test
    void the_archive_settings_read_feeds_and_the_admin_token_and_never_print_the_token() {
        Settings settings = Settings.from(Map.of("NEWSDESK_ADMIN_TOKEN", "s3cret-token",
                "NEWSDESK_FEEDS", "https://a.example.org/rss.xml, http://b.example.org/atom", "NEWSDESK_FEED_MINUTES", "5"));

        assertThat(settings.archive().adminEnabled()).isTrue();
        assertThat(settings.archive().feeds()).extracting(Object::toString)
                .containsExactly("https://a.example.org/rss.xml", "http://b.example.org/atom");
        assertThat(settings.archive().feedInterval()).hasMinutes(5);
        assertThat(settings.toString()).doesNotContain("s3cret-token");
        assertThat(Settings.from(Map.of()).archive().adminEnabled()).as("admin API off by default").isFalse();
        assertThatThrownBy(() -> Settings.from(Map.of("NEWSDESK_FEEDS", "ftp://x.example.org/feed")))
                .hasMessageContaining("NEWSDESK_FEEDS").hasMessageContaining("http(s)");
        assertThatThrownBy(() -> Settings.from(Map.of("NEWSDESK_FEED_MINUTES", "0")))
                .hasMessageContaining("NEWSDESK_FEED_MINUTES");
    }

    @Test
    void an_article_may_have_a_few_megabytes_and_thousands_of_sentences_unless_told_otherwise() {
        Settings.ArticleLimits defaults = Settings.from(Map.of()).articles();
        Settings.ArticleLimits set = Settings.from(Map.of("NEWSDESK_MAX_ARTICLE_MB", "12",
                "NEWSDESK_MAX_ARTICLE_SENTENCES", "800")).articles();

        assertThat(defaults.maxBytes()).isEqualTo(4_000_000L);
        assertThat(defaults.maxSentences()).isEqualTo(2000);
        assertThat(set.maxBytes()).isEqualTo(12_000_000L);
        assertThat(set.maxSentences()).isEqualTo(800);
        assertThatThrownBy(() -> Settings.from(Map.of("NEWSDESK_MAX_ARTICLE_MB", "0")))
                .hasMessageContaining("NEWSDESK_MAX_ARTICLE_MB");
    }

    @Test
    void feeds_reach_no_internal_host_unless_it_is_listed_as_trusted() {
        assertThat(Settings.from(Map.of()).archive().feedsAllow()).isEmpty();
        assertThat(Settings.from(Map.of("NEWSDESK_FEEDS_ALLOW", " wire.internal, 10.0.0.7 ")).archive().feedsAllow())
                .containsExactlyInAnyOrder("wire.internal", "10.0.0.7");
    }

    @Test
    void the_choices_of_judgement_are_settings_with_documented_defaults_and_must_be_fractions() {
        Settings.Tuning defaults = Settings.from(Map.of()).tuning();
        Settings.Tuning set = Settings.from(Map.of("NEWSDESK_RECENCY_WEIGHT", "0.2", "NEWSDESK_SAME_STORY_HOURS", "48",
                "NEWSDESK_LLM_MIN_SUPPORT", "0.5")).tuning();

        assertThat(defaults).isEqualTo(new Settings.Tuning(0.5, java.time.Duration.ofDays(1), 0.02, 0.75, 0.35, 0.5));
        assertThat(set.recencyWeight()).isEqualTo(0.2);
        assertThat(set.sameStoryState()).hasHours(48);
        assertThat(set.llmMinSupport()).isEqualTo(0.5);
        assertThatThrownBy(() -> Settings.from(Map.of("NEWSDESK_SAME_STATEMENT_OVERLAP", "1.5")))
                .hasMessageContaining("NEWSDESK_SAME_STATEMENT_OVERLAP='1.5' is not a number from 0 to 1");
        assertThatThrownBy(() -> Settings.from(Map.of("NEWSDESK_FURNITURE_SHARE", "two percent")))
                .hasMessageContaining("NEWSDESK_FURNITURE_SHARE");
    }
}
