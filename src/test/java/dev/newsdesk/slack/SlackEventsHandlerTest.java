package dev.newsdesk.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlackEventsHandlerTest {

    @Test
    void theBotsMentionIsRemovedWhereverItIs() {
        assertThat(SlackEventsHandler.plain("<@UBOT> what is ATACMS?", Optional.of("UBOT"))).isEqualTo("what is ATACMS?");
        assertThat(SlackEventsHandler.plain("hey <@UBOT|newsdesk>, what is ATACMS?", Optional.of("UBOT")))
                .isEqualTo("hey , what is ATACMS?");
    }

    @Test
    void otherPeoplesMentionsStay() {
        assertThat(SlackEventsHandler.plain("<@UBOT> what did <@UOTHER> say?", Optional.of("UBOT")))
                .isEqualTo("what did <@UOTHER> say?");
    }

    @Test
    void withoutTheBotsIdTheLeadingMentionIsRemoved() {
        assertThat(SlackEventsHandler.plain("<@UBOT> what is ATACMS?", Optional.empty())).isEqualTo("what is ATACMS?");
    }

    @Test
    void slackEscapesAndLinksBecomeWhatWasTyped() {
        assertThat(SlackEventsHandler.plain("<@UBOT> is AT&amp;T &lt;big&gt;? see <https://example.com/a|the story>",
                Optional.of("UBOT"))).isEqualTo("is AT&T <big>? see the story");
        assertThat(SlackEventsHandler.plain("see <https://example.com/a>", Optional.of("UBOT")))
                .isEqualTo("see https://example.com/a");
    }
}
