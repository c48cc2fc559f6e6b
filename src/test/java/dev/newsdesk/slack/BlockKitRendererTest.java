package dev.newsdesk.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.element.ButtonElement;
import dev.newsdesk.answer.Answer;
import dev.newsdesk.answer.Citation;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BlockKitRendererTest {

    private final BlockKitRenderer renderer = new BlockKitRenderer();

    @Test
    void an_answer_is_a_section_then_one_context_per_source_then_vote_buttons() {
        Answer answer = answer("Blinken said the U.S. would adapt. [1] Putin warned of escalation. [2]", 2);

        SlackMessage message = renderer.render(answer, "abc123", null);

        assertThat(message.blocks()).hasSize(4);
        assertThat(text(message.blocks().get(0))).isEqualTo(answer.answer());
        assertThat(text(message.blocks().get(1))).startsWith("*[1]* *Title 1* · `001_seed.txt`")
                .contains("“Quote number 1”");
        ActionsBlock actions = (ActionsBlock) message.blocks().get(3);
        assertThat(actions.getElements()).map(e -> (ButtonElement) e)
                .extracting(ButtonElement::getActionId, ButtonElement::getValue)
                .containsExactly(tuple(BlockKitRenderer.VOTE_UP, "abc123"),
                        tuple(BlockKitRenderer.VOTE_DOWN, "abc123"));
        assertThat(message.text()).startsWith(answer.answer()).contains("[2] Title 2 (002_seed.txt)");
    }

    @Test
    void a_source_shows_its_outlet_and_day_and_links_the_original_article() {
        Citation dated = new Citation(1, "d.md", "Gates | open", "They opened last month.", 0, 22, null, null,
                "Example Herald", "https://example.org/d?a=1&b=2", "2024-05-22T09:30:00+02:00");
        Answer answer = new Answer("They opened last month. [1]", false, List.of(dated), "extractive", 1, "c", null, null);

        SlackMessage message = renderer.render(answer, "id", null);

        assertThat(text(message.blocks().get(1))).startsWith(
                "*[1]* <https://example.org/d?a=1&amp;b=2|*Gates / open*> · Example Herald · 22 May 2024 · `d.md`");
    }

    @Test
    void ampersands_and_angle_brackets_are_escaped_everywhere() {
        Answer answer = new Answer("AT&T said <b> is > <@U123> [1]", false,
                List.of(new Citation(1, "a&b.txt", "Q&A <live>", "x < y & z", 0, 9)), "extractive", 1, "c", null, null);

        SlackMessage message = renderer.render(answer, "id", new BlockKitRenderer.Asker("UASKER", "is <this> & that?"));

        String all = message.blocks().toString() + message.text();
        assertThat(all).doesNotContain("<b>", "<@U123>", "<this>", "<live>", "AT&T", "Q&A", "x < y");
        assertThat(text(message.blocks().get(1))).isEqualTo("AT&amp;T said &lt;b&gt; is &gt; &lt;@U123&gt; [1]");
        assertThat(text(message.blocks().get(0))).isEqualTo("<@UASKER> asked: is &lt;this&gt; &amp; that?");
    }

    @Test
    void a_long_answer_is_split_into_sections_of_at_most_3000_characters_with_nothing_lost() {
        String sentence = "Blinken said the United States would adapt and adjust as necessary. ";
        String long1 = sentence.repeat(150).strip();

        SlackMessage message = renderer.render(answer(long1, 0), "id", null);

        List<String> sections = message.blocks().stream().filter(b -> b instanceof SectionBlock).map(this::text).toList();
        assertThat(sections).hasSizeGreaterThan(3).allSatisfy(s -> assertThat(s).hasSizeLessThanOrEqualTo(3000));
        assertThat(String.join(" ", sections)).isEqualTo(long1);
        assertThat(message.text()).hasSizeLessThanOrEqualTo(BlockKitRenderer.TEXT_CHARS);
    }

    @Test
    void many_sources_and_a_huge_answer_stay_within_slacks_block_limits() {
        String word = "x".repeat(4000) + " ";
        SlackMessage message = renderer.render(answer(word.repeat(40), 30), "id", null);

        assertThat(message.blocks()).hasSizeLessThanOrEqualTo(50);
        assertThat(message.blocks()).filteredOn(b -> b instanceof ContextBlock)
                .hasSize(BlockKitRenderer.MAX_SOURCES + 1)
                .allSatisfy(b -> assertThat(((ContextBlock) b).getElements()).hasSizeLessThanOrEqualTo(10));
        assertThat(message.blocks()).filteredOn(b -> b instanceof SectionBlock)
                .allSatisfy(b -> assertThat(text(b)).hasSizeLessThanOrEqualTo(3000));
        assertThat(text(message.blocks().get(message.blocks().size() - 2))).isEqualTo("…and 20 more sources");
    }

    @Test
    void an_abstention_is_said_plainly_without_sources() {
        Answer answer = Answer.abstention("The articles do not mention Cup, so they cannot answer this.", "extractive");

        SlackMessage message = renderer.render(answer, "id", null);

        assertThat(message.blocks()).hasSize(2);
        assertThat(text(message.blocks().get(0))).isEqualTo(answer.answer());
        assertThat(message.text()).isEqualTo(answer.answer());
    }

    @Test
    void a_long_quote_is_shortened_in_the_source_line() {
        Answer answer = new Answer("A [1]", false, List.of(new Citation(1, "f.txt", "T", "word ".repeat(200), 0, 1000)),
                "extractive", 1, "c", null, null);

        String source = text(renderer.render(answer, "id", null).blocks().get(1));

        assertThat(source).endsWith("…”").hasSizeLessThan(BlockKitRenderer.QUOTE_CHARS + 40);
    }

    private static Answer answer(String text, int sources) {
        List<Citation> citations = IntStream.rangeClosed(1, sources)
                .mapToObj(n -> new Citation(n, String.format("%03d_seed.txt", n), "Title " + n, "Quote number " + n, 0, 14))
                .toList();
        return new Answer(text, false, citations, "extractive", 1, "c", null, null);
    }

    private String text(LayoutBlock block) {
        if (block instanceof SectionBlock section) {
            return section.getText().getText();
        }
        return ((MarkdownTextObject) ((ContextBlock) block).getElements().get(0)).getText();
    }
}
