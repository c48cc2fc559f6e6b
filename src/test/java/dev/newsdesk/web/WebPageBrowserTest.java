package dev.newsdesk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat page in a real headless Chromium ({@link HeadlessChromium}) against a real server.
 */
class WebPageBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    /** The README's picture of the page, taken by the test so that it always shows the page as it is. */
    private static final Path README_SCREENSHOT = Path.of("docs/screenshot-chat.png");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?][”\"’']?)\\s+");

    private static TestServer server;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /**
     * In @BeforeEach rather than @BeforeAll: an assumption failing there marks each test skipped, with
     * the reason, where Surefire counts it; one failing in @BeforeAll hides the tests from the counts.
     */
    @BeforeEach
    void openBrowser() throws IOException {
        browser = HeadlessChromium.start();
        startServer();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    private static synchronized void startServer() {
        if (server == null) {
            server = TestServer.ready();
        }
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void a_new_visitor_sees_what_the_archive_holds_and_example_questions_the_bot_answers() {
        openPage(server);

        WebElement holdings = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("holdings")));
        int articles = TestServer.engine().corpus().articles().size();
        assertThat(holdings.getText()).startsWith("The archive holds " + articles + " articles");
        List<String> titles = TestServer.engine().corpus().articles().stream().map(a -> a.title()).toList();
        List<String> headlines = texts(By.cssSelector("#headlines .headline"));
        assertThat(headlines).isNotEmpty().allSatisfy(h -> assertThat(titles).contains(h));
        List<String> examples = texts(By.cssSelector("#examples .example"));
        assertThat(examples).hasSizeGreaterThanOrEqualTo(2);
        for (String example : examples) {
            assertThat(TestServer.json(server.chat(Map.of("question", example))).get("abstained").asBoolean())
                    .as("abstains on the example %s", example).isFalse();
        }
        screenshot("overview.png");

        browser.findElement(By.cssSelector("#examples .example")).click();

        WebElement answer = lastAnswer();
        assertThat(answer.getAttribute("class")).doesNotContain("abstained");
        assertThat(browser.findElement(By.cssSelector(".turn .question")).getText()).isEqualTo(examples.get(0));
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void a_streamed_answer_cites_quotes_that_open_highlighted_in_the_source() {
        openPage(server);

        ask("What did Putin warn about?");

        WebElement answer = lastAnswer();
        assertThat(answer.findElement(By.className("answer-text")).getText()).contains("Putin");
        List<WebElement> markers = answer.findElements(By.cssSelector(".answer-text .cite-marker"));
        assertThat(markers).isNotEmpty();
        assertThat(answer.findElements(By.cssSelector(".sources li"))).isNotEmpty();
        WebElement meta = answer.findElement(By.className("meta"));
        assertThat(meta.getText()).isEqualTo("Quoted from the articles");
        assertThat(meta.getAttribute("title")).matches("Answered in \\d+ ms");

        WebElement first = markers.get(0);
        new Actions(browser).moveToElement(first).perform();
        WebElement tip = first.findElement(By.xpath("following-sibling::span[@class='tip']"));
        wait.until(ExpectedConditions.visibilityOf(tip));
        String quote = tip.findElement(By.tagName("q")).getText();
        assertThat(quote).isNotBlank();
        screenshot("chat.png");
        saveReadmeScreenshot();

        first.click();
        WebElement mark = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#viewer mark.quote")));
        assertThat(mark.getText()).isEqualTo(quote);
        assertThat(tip.isDisplayed()).as("the quote no longer covers the answer once its article is open").isFalse();
        assertThat(browser.findElement(By.id("viewer-file")).getText()).endsWith(".txt");
        assertThat((Boolean) js("const m = document.querySelector('#viewer mark.quote').getBoundingClientRect();"
                + " const b = document.getElementById('viewer-body').getBoundingClientRect();"
                + " return m.top >= b.top && m.bottom <= b.bottom;")).as("highlight scrolled into view").isTrue();
        new Actions(browser).moveToElement(mark).perform();
        js("document.activeElement.blur();");
        screenshot("source.png");
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void no_sentence_appears_twice_in_one_answer_block() {
        openPage(server);

        for (String question : List.of("What did Blinken say about adapting and adjusting?",
                "How far can the longer-range version of ATACMS travel?", "What did Putin warn about?")) {
            ask(question);
            WebElement answer = lastAnswer();
            List<String> sentences = Stream.of(SENTENCE_END.split(answer.getText()))
                    .map(sentence -> sentence.replaceAll("\\[\\d+\\]", "").strip())
                    .filter(sentence -> sentence.split("\\s+").length >= 5)
                    .toList();
            assertThat(sentences).as(question).isNotEmpty().doesNotHaveDuplicates();
        }
        screenshot("no-repetition.png");
    }

    @Test
    void reports_that_agree_on_a_statement_are_said_to_agree_once() {
        openPage(server);

        ask("Did the U.S. encourage attacks on Russian soil, according to Kirby?");

        WebElement answer = lastAnswer();
        assertThat(answer.findElement(By.className("answer-text")).getText()).containsPattern("\\d reports agree");
        assertThat(answer.findElements(By.cssSelector(".sources .agree"))).as("no note repeating it").isEmpty();
        screenshot("agree.png");
    }

    @Test
    void restores_the_conversation_after_a_reload_and_understands_a_follow_up() {
        openPage(server);
        ask("Who is the foreign minister of Finland?");
        String firstAnswer = lastAnswer().findElement(By.className("answer-text")).getText();
        assertThat(firstAnswer).contains("Valtonen");

        browser.navigate().refresh();
        openPage(server);

        assertThat(texts(By.cssSelector(".turn .question")))
                .containsExactly("Who is the foreign minister of Finland?");
        assertThat(browser.findElement(By.cssSelector(".turn .answer-text")).getText()).isEqualTo(firstAnswer);
        assertThat(browser.findElement(By.id("intro")).isDisplayed()).isFalse();
        // Asked on its own, "she" names no one and the articles cannot answer it.
        ask("What did she say?");
        wait.until(d -> d.findElements(By.cssSelector(".answer:not(.pending)")).size() == 2);
        assertThat(lastAnswer().getAttribute("class")).doesNotContain("abstained");
        assertThat(lastAnswer().findElement(By.className("answer-text")).getText()).contains("Valtonen");
        screenshot("restored.png");

        browser.findElement(By.id("new-chat")).click();
        browser.navigate().refresh();
        openPage(server);
        assertThat(browser.findElements(By.className("turn"))).isEmpty();
        assertThat(browser.findElement(By.id("intro")).isDisplayed()).isTrue();
    }

    @Test
    void a_thumbs_up_adds_one_line_to_the_feedback_log_and_counts_once_per_browser() {
        openPage(server);
        int before = server.feedback().size();
        ask("Who chairs the Joint Chiefs of Staff?");
        WebElement answer = lastAnswer();
        String answerText = answer.findElement(By.className("answer-text")).getText();

        answer.findElement(By.cssSelector(".vote[data-vote='up']")).click();

        wait.until(ExpectedConditions.textToBePresentInElement(answer.findElement(By.className("action-status")),
                "Thanks"));
        List<JsonNode> votes = server.feedback();
        assertThat(votes).hasSize(before + 1);
        JsonNode vote = votes.get(votes.size() - 1);
        assertThat(vote.get("vote").asText()).isEqualTo("up");
        assertThat(vote.get("channel").asText()).isEqualTo("web");
        assertThat(vote.get("question").asText()).isEqualTo("Who chairs the Joint Chiefs of Staff?");
        assertThat(answerText).startsWith(vote.get("answer").asText().replaceAll("(?s)\\s*\\[\\d+\\].*", ""));
        assertThat(server.get("/metrics").body()).contains("newsdesk_feedback_total{channel=\"web\",vote=\"up\"} 1.0");

        browser.navigate().refresh();
        openPage(server);
        List<WebElement> buttons = browser.findElements(By.cssSelector(".answer .vote"));
        assertThat(buttons).hasSize(2).noneMatch(WebElement::isEnabled);
        assertThat(browser.findElement(By.cssSelector(".vote[data-vote='up']")).getAttribute("aria-pressed"))
                .isEqualTo("true");
        assertThat(server.feedback()).hasSize(before + 1);
    }

    @Test
    void the_copy_button_copies_the_answer_with_its_numbered_sources() {
        openPage(server);
        browser.executeCdpCommand("Browser.grantPermissions", Map.of("origin", server.url(""),
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        ask("How far can the longer-range version of ATACMS travel?");
        WebElement answer = lastAnswer();
        List<String> sources = texts(By.cssSelector(".answer .source-head"));

        answer.findElement(By.className("copy")).click();

        wait.until(ExpectedConditions.textToBePresentInElement(answer.findElement(By.className("action-status")),
                "Copied"));
        String copied = (String) browser.executeAsyncScript(
                "navigator.clipboard.readText().then(arguments[0], e => arguments[0]('failed: ' + e));");
        // The page shows the answer's blank lines as line breaks; the copy keeps them.
        assertThat(copied.replaceAll("\\s+", " ")).startsWith(answer.findElement(By.className("answer-text")).getText()
                .replaceAll("\\s+", " "));
        assertThat(copied).contains("\nSources:\n");
        assertThat(sources).isNotEmpty().allSatisfy(source -> assertThat(copied).contains(source));
    }

    @Test
    void sources_show_outlet_date_and_headline_link_the_original_and_mark_the_short_answer() throws Exception {
        // An answer whose citations carry the metadata and short answer the answerer fills in when it knows
        // them, as the page kept it: the kept chat is rendered exactly as a fresh answer is.
        ObjectNode answer = (ObjectNode) TestServer.json(server.chat(Map.of("question", "Who is the foreign minister of Finland?")));
        ObjectNode cited = (ObjectNode) answer.get("citations").get(0);
        String quote = cited.get("quote").asText();
        int at = quote.indexOf("Elina Valtonen");
        cited.put("answer_start", cited.get("start").asInt() + at).put("answer_end", cited.get("start").asInt() + at + 14)
                .put("source", "The Daily Example").put("published", "2024-05-22T09:30:00Z")
                .put("url", "https://news.example/valtonen");
        answer.put("answer", "Elina Valtonen [1]");
        ObjectNode kept = TestServer.JSON.createObjectNode().put("conversation", answer.get("conversation").asText());
        kept.putArray("turns").addObject().put("id", "kept-turn-1").put("question", "Who is the foreign minister of Finland?")
                .set("answer", answer);
        openPage(server);
        js("localStorage.setItem('newsdesk.chat', arguments[0]);", TestServer.JSON.writeValueAsString(kept));
        browser.navigate().refresh();
        openPage(server);

        WebElement source = browser.findElement(By.cssSelector(".sources li"));
        assertThat(source.findElement(By.className("source-head")).getText())
                .isEqualTo("[1] The Daily Example · 22 May 2024 · " + cited.get("title").asText());
        WebElement original = source.findElement(By.cssSelector("a.original"));
        assertThat(original.getAttribute("href")).isEqualTo("https://news.example/valtonen");
        assertThat(original.getAttribute("target")).isEqualTo("_blank");
        assertThat(original.getAttribute("rel")).contains("noopener");
        assertThat(source.findElement(By.cssSelector("blockquote mark.short-answer")).getText()).isEqualTo("Elina Valtonen");
        assertThat(source.getText()).doesNotContain(".txt");
        screenshot("metadata.png");

        source.findElement(By.className("source-n")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#viewer mark.quote")));
        assertThat(browser.findElement(By.id("viewer-meta")).getText()).isEqualTo("The Daily Example · 22 May 2024 · Original article ↗");
        assertThat(browser.findElement(By.cssSelector("#viewer mark.short-answer")).getText()).isEqualTo("Elina Valtonen");
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void a_link_in_the_metadata_that_is_not_http_is_not_made_a_link() throws Exception {
        ObjectNode answer = (ObjectNode) TestServer.json(server.chat(Map.of("question", "Who is the foreign minister of Finland?")));
        ((ObjectNode) answer.get("citations").get(0)).put("url", "javascript:alert(1)");
        ObjectNode kept = TestServer.JSON.createObjectNode();
        kept.putArray("turns").addObject().put("id", "kept-turn-2").put("question", "Who?").set("answer", answer);
        openPage(server);
        js("localStorage.setItem('newsdesk.chat', arguments[0]);", TestServer.JSON.writeValueAsString(kept));
        browser.navigate().refresh();
        openPage(server);

        assertThat(browser.findElements(By.cssSelector(".sources li"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("a[href^='javascript']"))).isEmpty();
    }

    @Test
    void a_question_that_looks_like_html_is_shown_as_text_and_runs_nothing() {
        openPage(server);
        String attack = "<img src=x onerror=alert(1)>";

        ask(attack);

        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".answer:not(.pending)")));
        assertThat(browser.findElement(By.cssSelector(".turn .question")).getText()).isEqualTo(attack);
        assertThat(browser.findElements(By.tagName("img"))).isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        screenshot("html-as-text.png");
    }

    @Test
    void an_answer_the_articles_do_not_hold_is_marked_as_such_and_its_closest_passage_is_no_answer() {
        openPage(server);

        ask("Did the articles mention the price of tea?");

        WebElement answer = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".answer.abstained")));
        assertThat(answer.findElement(By.className("label")).getText()).isEqualTo("Not in the articles");
        assertThat(answer.findElement(By.className("answer-text")).getText()).contains("does not answer it");
        assertThat(answer.findElements(By.cssSelector(".sources li"))).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void the_page_fits_a_phone_screen() {
        browser.manage().window().setSize(new Dimension(390, 844));
        openPage(server);

        wait.until(ExpectedConditions.elementToBeClickable(By.className("example"))).click();

        lastAnswer();
        assertThat((Boolean) js("return document.documentElement.scrollWidth <= window.innerWidth;"))
                .as("no sideways scrolling").isTrue();
        assertThat(browser.findElement(By.id("send")).isDisplayed()).isTrue();
        screenshot("chat-phone.png");
    }

    @Test
    void on_a_phone_one_tap_on_a_marker_shows_the_quote_and_the_next_opens_the_article() {
        browser.manage().window().setSize(new Dimension(390, 844));
        openPage(server);
        ask("What did Putin warn about?");
        WebElement marker = lastAnswer().findElement(By.cssSelector(".answer-text .cite-marker"));

        marker.click();

        WebElement tip = marker.findElement(By.xpath("following-sibling::span[@class='tip']"));
        assertThat(tip.isDisplayed()).isTrue();
        String quote = tip.findElement(By.tagName("q")).getText();
        assertThat(quote).isNotBlank();
        assertThat(browser.findElement(By.id("viewer")).isDisplayed()).isFalse();
        assertThat((Boolean) js("const r = arguments[0].getBoundingClientRect();"
                + " return r.left >= 0 && r.right <= window.innerWidth && r.top >= 0 && r.bottom <= window.innerHeight;",
                tip)).as("the quote is on the screen").isTrue();
        screenshot("phone-tap.png");

        tip.findElement(By.className("tip-open")).click();

        WebElement mark = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#viewer mark.quote")));
        assertThat(mark.getText()).isEqualTo(quote);
        screenshot("phone-article.png");
    }

    @Test
    void the_page_loads_without_console_errors_or_missing_files() {
        try (TestServer fresh = TestServer.ready()) {
            openPage(fresh);
            ask("What did Putin warn about?");
            lastAnswer().findElement(By.cssSelector(".answer-text .cite-marker")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#viewer mark.quote")));
            browser.findElement(By.id("browse")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".article-list")));

            assertThat(consoleErrors()).isEmpty();
            assertThat(fresh.get("/metrics").body()).doesNotContain("status=\"404\"");
            assertThat(fresh.get("/favicon.svg").headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("image/svg+xml"));
        }
    }

    @Test
    void an_unreachable_server_is_reported_on_the_page() {
        TestServer doomed = TestServer.ready();
        openPage(doomed);
        doomed.close();

        ask("What did Putin warn about?");

        WebElement failed = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".answer.failed")));
        assertThat(failed.getText()).contains("Cannot reach the newsdesk server");
        assertThat(browser.findElement(By.id("banner")).isDisplayed()).isTrue();
        screenshot("unreachable.png");
    }

    private void openPage(TestServer target) {
        browser.get(target.url("/"));
        wait.until(ExpectedConditions.textToBe(By.id("status"), "ready · "
                + TestServer.engine().corpus().articles().size() + " articles"));
    }

    private void ask(String question) {
        WebElement input = browser.findElement(By.id("question"));
        input.sendKeys(question);
        input.sendKeys(Keys.ENTER);
    }

    /** The last answer on the page, once it is complete. */
    private WebElement lastAnswer() {
        wait.until(d -> d.findElements(By.cssSelector(".answer.pending")).isEmpty()
                && !d.findElements(By.cssSelector(".answer")).isEmpty());
        List<WebElement> answers = browser.findElements(By.cssSelector(".answer"));
        return answers.get(answers.size() - 1);
    }

    private List<String> texts(By selector) {
        return browser.findElements(selector).stream().map(WebElement::getText).toList();
    }

    /** What the page logged as errors, failed loads (404s) included. */
    private List<String> consoleErrors() {
        return HeadlessChromium.consoleErrors(browser);
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void saveReadmeScreenshot() {
        try {
            Files.copy(SCREENSHOTS.resolve("chat.png"), README_SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
