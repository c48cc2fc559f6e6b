package dev.newsdesk.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CleanerTest {

    private static List<String> kept(Cleaner cleaner, String text) {
        Article article = new Article("a.txt", CorpusLoader.title(text), text, "h");
        return cleaner.contentLines(article).stream().map(l -> text.substring(l.start(), l.end())).toList();
    }

    @Test
    void keeps_headline_byline_and_caption_and_drops_a_caption_printed_twice() {
        String text = "Harbour ferry to stop at night\nBy Ana Ruiz\nThe ferry at its pier (Photo: Ana Ruiz)\n\n"
                + "The ferry at its pier (Photo: Ana Ruiz)\nThe council voted on Tuesday.\n";
        assertThat(kept(new Cleaner(), text)).containsExactly("Harbour ferry to stop at night", "By Ana Ruiz",
                "The ferry at its pier (Photo: Ana Ruiz)", "The council voted on Tuesday.");
    }

    @Test
    void drops_a_line_that_many_articles_of_the_corpus_repeat_but_keeps_one_a_few_share() {
        List<Article> corpus = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String text = "Story " + i + "\nThe mayor spoke on day " + i + ".\nNorthtown Gazette is read by 40,000 people each week.\n"
                    + (i < 2 ? "A wire report said the bridge will reopen in May.\n" : "");
            corpus.add(new Article("s" + i + ".txt", "Story " + i, text, "h" + i));
        }
        List<String> lines = kept(Cleaner.across(corpus, 0.02), corpus.get(0).text());
        assertThat(lines).containsExactly("Story 0", "The mayor spoke on day 0.", "A wire report said the bridge will reopen in May.");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Share this article",
            "Sign up for our morning newsletter",
            "Download the app for breaking news alerts.",
            "Leave a comment",
            "© 2031 Example Media Group. All rights reserved.",
            "Follow us on social media",
            "---"})
    void recognises_page_furniture(String line) {
        assertThat(Cleaner.isBoilerplate(line)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "The regulator found the company made unauthorized use of customer data.",
            "Subscribers were told on Monday that prices will rise.",
            "Copyright lawyers for the studio said the case would go to trial next spring, after talks with the streaming service broke down.",
            "By Ana Ruiz",
            "Ana Ruiz is a transport reporter for the Gazette."})
    void keeps_reporting(String line) {
        assertThat(Cleaner.isBoilerplate(line)).isFalse();
    }
}
