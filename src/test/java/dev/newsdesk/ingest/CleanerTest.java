package dev.newsdesk.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CleanerTest {

    private final Cleaner cleaner = new Cleaner();

    private List<String> kept(String text) {
        Article article = new Article("a.txt", CorpusLoader.title(text), text, "h");
        return cleaner.contentLines(article).stream().map(l -> text.substring(l.start(), l.end())).toList();
    }

    @Test
    void keeps_the_body_and_drops_a_caption_printed_twice() {
        String text = "Title\nSoldiers carry a coffin in Donetsk\n\nSoldiers carry a coffin in Donetsk\nThe story goes on.\n";
        assertThat(kept(text)).containsExactly("Soldiers carry a coffin in Donetsk", "The story goes on.");
    }

    @Test
    void drops_the_headline_repeated_in_title_case_above_the_story() {
        String text = "Blinken signals a shift\n\nBlinken Signals U.S. May Allow Ukraine to Strike Inside Russia\n"
                + "The body starts here.";
        assertThat(kept(text)).containsExactly("The body starts here.");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Follow Frances Martel on Facebook and Twitter.",
            "Leave a Reply",
            "Be the first to comment",
            "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
            "Catch all the Politics News and Updates on Live Mint. Download The Mint News App to get Daily Market Updates.",
            "© 2024, GDC. All rights reserved.",
            "JIM WATSON/AFP via Getty Images",
            "(Photo by Brendan Hoffman/Getty Images)",
            "You can follow her on X for more coverage."})
    void recognises_page_furniture(String line) {
        assertThat(Cleaner.isBoilerplate(line)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Misty Severi is an evening news reporter for Just the News.",
            "Gordon Lubold contributed to this article.",
            "Stoltenberg said the time has come to consider lifting some of the restrictions.",
            "United States Secretary of State Antony Blinken speaks during a joint press conference in Chisinau, Moldova, on May 29, 2024. (AP Photo/Vadim Ghirda, Pool)"})
    void keeps_reporting(String line) {
        assertThat(Cleaner.isBoilerplate(line)).isFalse();
    }
}
