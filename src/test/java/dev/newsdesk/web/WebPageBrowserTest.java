package dev.newsdesk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
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
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat page in a real headless Chromium against a real server. Runs wherever Debian's chromium
 * and chromium-driver are installed; skipped without them, except in CI, where it must run.
 */
class WebPageBrowserTest {

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    private static TestServer server;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void start() {
        assumeTrue(Files.isExecutable(CHROMEDRIVER) || System.getenv("CI") != null,
                "no " + CHROMEDRIVER + " (apt-get install chromium chromium-driver); skipped outside CI");
        server = TestServer.ready();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void openBrowser() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory("newsdesk-chromium"), "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void a_streamed_answer_cites_quotes_that_open_highlighted_in_the_source() {
        openPage(server);

        ask("What did Putin warn about?");

        WebElement answer = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".answer .sources")))
                .findElement(By.xpath(".."));
        assertThat(answer.findElement(By.className("answer-text")).getText()).contains("Putin");
        List<WebElement> markers = answer.findElements(By.cssSelector(".answer-text .cite-marker"));
        assertThat(markers).isNotEmpty();
        assertThat(answer.findElements(By.cssSelector(".sources li"))).isNotEmpty();

        WebElement first = markers.get(0);
        new Actions(browser).moveToElement(first).perform();
        WebElement tip = first.findElement(By.xpath("following-sibling::span[@class='tip']"));
        wait.until(ExpectedConditions.visibilityOf(tip));
        String quote = tip.findElement(By.tagName("q")).getText();
        assertThat(quote).isNotBlank();
        screenshot("chat.png");

        first.click();
        WebElement mark = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#viewer mark.quote")));
        assertThat(mark.getText()).isEqualTo(quote);
        assertThat((Boolean) js("const m = document.querySelector('#viewer mark.quote').getBoundingClientRect();"
                + " const b = document.getElementById('viewer-body').getBoundingClientRect();"
                + " return m.top >= b.top && m.bottom <= b.bottom;")).as("highlight scrolled into view").isTrue();
        new Actions(browser).moveToElement(mark).perform();
        js("document.activeElement.blur();");
        screenshot("source.png");
    }

    @Test
    void reports_that_agree_on_a_statement_are_noted_under_the_answer() {
        openPage(server);

        ask("What did Blinken say about adapting and adjusting?");

        WebElement note = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".sources .agree")));
        List<WebElement> cited = note.findElements(By.className("cite-marker"));
        assertThat(cited).hasSizeGreaterThan(1);
        assertThat(note.getText()).startsWith(cited.size() + " reports agree");
        screenshot("agree.png");
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
    void an_answer_the_articles_do_not_hold_is_marked_as_such() {
        openPage(server);

        ask("Did the articles mention the price of tea?");

        WebElement answer = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".answer.abstained")));
        assertThat(answer.findElement(By.className("label")).getText()).isEqualTo("Not in the articles");
        assertThat(answer.findElements(By.className("sources"))).isEmpty();
    }

    @Test
    void the_page_fits_a_phone_screen() {
        browser.manage().window().setSize(new Dimension(390, 844));
        openPage(server);

        browser.findElement(By.className("example")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".answer:not(.pending)")));
        assertThat((Boolean) js("return document.documentElement.scrollWidth <= window.innerWidth;"))
                .as("no sideways scrolling").isTrue();
        assertThat(browser.findElement(By.id("send")).isDisplayed()).isTrue();
        screenshot("chat-phone.png");
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

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
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
}
