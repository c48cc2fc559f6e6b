package dev.newsdesk.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.FictionalCorpus;
import dev.newsdesk.TestEngines;
import dev.newsdesk.app.Engine;
import dev.newsdesk.config.Settings;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Conversations over a corpus of people found nowhere else, so a follow-up's answer shows whom it was about. */
class ConversationContinuityTest {

    private static Settings settings;

    @BeforeAll
    static void corpus() {
        settings = TestEngines.settings(FictionalCorpus.write(), TestEngines.tempDir("newsdesk-fictional-index"),
                Map.of("NEWSDESK_CONVERSATIONS", TestEngines.tempDir("newsdesk-conversations").toString()));
    }

    @Test
    void continues_a_conversation_in_a_new_engine() throws Exception {
        String conversation;
        try (Engine before = start()) {
            Answer first = before.answers().ask("Who is the head of logistics at the postal service?", null);
            assertThat(first.answer()).contains("Tobias Wren");
            conversation = first.conversation();
        }
        try (Engine after = start()) {
            Answer followUp = after.answers().ask("Where did he work before?", conversation);

            assertThat(followUp.notice()).isNull();
            assertThat(followUp.answer()).contains("Hamburg").doesNotContain("Chile");
        }
    }

    @Test
    void says_so_when_a_follow_up_names_a_conversation_unknown_here() throws Exception {
        try (Engine engine = start()) {
            Answer answer = engine.answers().ask("Where did he work before?", "expired-" + UUID.randomUUID());

            assertThat(answer.notice()).isEqualTo(AnswerService.UNKNOWN_CONVERSATION);
        }
    }

    @Test
    void a_conversation_the_client_names_itself_starts_without_a_notice() throws Exception {
        try (Engine engine = start()) {
            Answer answer = engine.answers().ask("Who directs the Brannock observatory?", "thread-" + UUID.randomUUID());

            assertThat(answer.notice()).isNull();
            assertThat(answer.answer()).contains("Margit Halvorsen");
        }
    }

    private static Engine start() {
        return Engine.start(settings, s -> { }, (d, t, f) -> { });
    }
}
