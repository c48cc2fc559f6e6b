package dev.newsdesk.slack;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;

/**
 * A message ready for Slack: Block Kit {@code blocks} and the plain {@code text} that Slack shows in
 * notifications and wherever blocks cannot be shown (always set).
 */
public record SlackMessage(String text, List<LayoutBlock> blocks) {

    public SlackMessage {
        blocks = List.copyOf(blocks);
    }

    /** The same message as text alone, for when Slack refuses the blocks. */
    public SlackMessage withoutBlocks() {
        return new SlackMessage(text, List.of());
    }
}
