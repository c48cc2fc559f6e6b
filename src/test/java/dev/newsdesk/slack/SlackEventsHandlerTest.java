package dev.newsdesk.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlackEventsHandlerTest {

    @Test
    void the_bots_mention_is_removed_wherever_it_is() {
        assertThat(SlackEventsHandler.plain("<@UBOT> what is ATACMS?", Optional.of("UBOT"))).isEqualTo("what is ATACMS?");
        assertThat(SlackEventsHandler.plain("hey <@UBOT|newsdesk>, what is ATACMS?", Optional.of("UBOT")))
                .isEqualTo("hey , what is ATACMS?");
    }

    @Test
    void other_peoples_mentions_stay() {
        assertThat(SlackEventsHandler.plain("<@UBOT> what did <@UOTHER> say?", Optional.of("UBOT")))
                .isEqualTo("what did <@UOTHER> say?");
    }

    @Test
    void without_the_bots_id_the_leading_mention_is_removed() {
        assertThat(SlackEventsHandler.plain("<@UBOT> what is ATACMS?", Optional.empty())).isEqualTo("what is ATACMS?");
    }

    @Test
    void slack_escapes_and_links_become_what_was_typed() {
        assertThat(SlackEventsHandler.plain("<@UBOT> is AT&amp;T &lt;big&gt;? see <https://example.com/a|the story>",
                Optional.of("UBOT"))).isEqualTo("is AT&T <big>? see the story");
        assertThat(SlackEventsHandler.plain("see <https://example.com/a>", Optional.of("UBOT")))
                .isEqualTo("see https://example.com/a");
    }
}
