package dev.newsdesk.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import dev.newsdesk.answer.Answer;
import dev.newsdesk.answer.Citation;
import dev.newsdesk.ingest.Published;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an {@link Answer} into a Slack message: the answer as mrkdwn sections, one context block per
 * numbered source (title, file, a short quote) and 👍/👎 buttons, within Slack's limits (3,000 characters
 * per section, 50 blocks per message).
 */
public final class BlockKitRenderer {

    static final String VOTE_UP = "newsdesk_feedback_up";
    static final String VOTE_DOWN = "newsdesk_feedback_down";

    static final int SECTION_CHARS = 3000;
    /** Well under Slack's 40,000; longer notification text only gets cut by clients anyway. */
    static final int TEXT_CHARS = 3000;
    static final int MAX_SECTIONS = 10;
    static final int MAX_SOURCES = 10;
    static final int QUOTE_CHARS = 200;

    /**
     * Who asked what, to head answers that Slack shows without the question (a slash command's).
     * {@code userId} is Slack's user id, {@code question} as typed.
     */
    public record Asker(String userId, String question) {
        String heading() {
            String mention = userId != null && userId.matches("[A-Z0-9]+") ? "<@" + userId + ">" : "Someone";
            return mention + " asked: " + escape(question);
        }
    }

    /** The message for {@code answer}; {@code feedbackId} goes into the buttons, {@code asker} (or null) heads it. */
    public SlackMessage render(Answer answer, String feedbackId, Asker asker) {
        List<LayoutBlock> blocks = new ArrayList<>();
        if (asker != null) {
            blocks.add(context(List.of(markdownText(truncate(asker.heading(), SECTION_CHARS)))));
        }
        for (String part : split(escape(answer.answer()), SECTION_CHARS, MAX_SECTIONS)) {
            blocks.add(section(s -> s.text(markdownText(part))));
        }
        List<Citation> citations = answer.citations();
        citations.stream().limit(MAX_SOURCES).forEach(c -> blocks.add(context(List.of(markdownText(source(c))))));
        if (citations.size() > MAX_SOURCES) {
            blocks.add(context(List.of(markdownText("…and " + (citations.size() - MAX_SOURCES) + " more sources"))));
        }
        blocks.add(actions("newsdesk_feedback", List.of(
                button(b -> b.actionId(VOTE_UP).value(feedbackId).text(plainText("👍 Helpful"))),
                button(b -> b.actionId(VOTE_DOWN).value(feedbackId).text(plainText("👎 Not helpful"))))));
        return new SlackMessage(fallbackText(answer, asker), blocks);
    }

    /** A plain one-section message: usage help, a refused question, an apology. */
    public SlackMessage notice(String text) {
        String escaped = escape(text);
        return new SlackMessage(truncate(escaped, TEXT_CHARS),
                List.of(section(s -> s.text(markdownText(truncate(escaped, SECTION_CHARS))))));
    }

    /** Slack's mrkdwn treats these three as control characters; everything else may stay. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * "[1] Title · Outlet · 22 May 2024 · `file`" and the quote; the title links the original article
     * when its link is known. The date lets a reader place "last month" in the quote.
     */
    private static String source(Citation c) {
        String quote = truncate(c.quote().strip().replaceAll("\\s+", " "), QUOTE_CHARS);
        // In a <link|text> Slack ends the text at '|' or '>', so the title may not contain them.
        String title = c.url() == null ? "*" + escape(c.title()) + "*"
                : "<" + escape(c.url()) + "|*" + escape(c.title().replace('|', '/')) + "*>";
        StringBuilder line = new StringBuilder("*[" + c.n() + "]* " + title);
        if (c.source() != null) {
            line.append(" · ").append(escape(c.source()));
        }
        String day = Published.day(c.published());
        if (day != null) {
            line.append(" · ").append(day);
        }
        return line.append(" · `").append(escape(c.file())).append("`\n“").append(escape(quote)).append("”").toString();
    }

    private static String fallbackText(Answer answer, Asker asker) {
        StringBuilder text = new StringBuilder(escape(answer.answer()));
        for (Citation c : answer.citations()) {
            text.append("\n[").append(c.n()).append("] ").append(escape(c.title())).append(" (")
                    .append(escape(c.file())).append(')');
        }
        return truncate(asker == null ? text.toString() : asker.heading() + "\n" + text, TEXT_CHARS);
    }

    /**
     * Cuts {@code text} into parts of at most {@code limit} characters, at a line break or space when
     * there is one (so an escape like {@code &amp;} is never cut), and at most {@code maxParts} of them.
     */
    static List<String> split(String text, int limit, int maxParts) {
        List<String> parts = new ArrayList<>();
        String rest = text.strip();
        while (!rest.isEmpty() && parts.size() < maxParts) {
            if (rest.length() <= limit) {
                parts.add(rest);
                return parts;
            }
            int cut = Math.max(rest.lastIndexOf('\n', limit), rest.lastIndexOf(' ', limit));
            if (cut <= 0 || parts.size() == maxParts - 1) {
                parts.add(truncate(rest, limit));
                return parts;
            }
            parts.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        return parts.isEmpty() ? List.of(" ") : parts;
    }

    private static String truncate(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        int cut = text.lastIndexOf(' ', limit - 1);
        if (cut <= limit / 2) {
            cut = Character.isHighSurrogate(text.charAt(limit - 2)) ? limit - 2 : limit - 1;
        }
        return text.substring(0, cut) + "…";
    }
}
