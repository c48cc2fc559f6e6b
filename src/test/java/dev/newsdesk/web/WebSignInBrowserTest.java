package dev.newsdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.SignInProvider;
import dev.newsdesk.TwoCollections;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Signing in end to end in a real headless Chromium: the page sends the browser to the identity provider,
 * comes back signed in, answers from the person's collections, and signs out.
 */
class WebSignInBrowserTest {

    private static SignInProvider provider;
    private static TwoCollections archive;
    private static TestServer server;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() throws IOException {
        browser = HeadlessChromium.start();
        startServer();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    private static synchronized void startServer() {
        if (server == null) {
            provider = new SignInProvider();
            archive = new TwoCollections(Map.of());
            server = TestServer.ready(archive.engine, archive.env(provider.env()));
        }
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
            archive.close();
            provider.close();
        }
    }

    private WebElement answerTo(String question) {
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(By.id("question")));
        input.sendKeys(question);
        input.sendKeys(Keys.ENTER);
        wait.until(d -> d.findElements(By.cssSelector(".answer.pending")).isEmpty()
                && !d.findElements(By.cssSelector(".answer")).isEmpty());
        List<WebElement> answers = browser.findElements(By.cssSelector(".answer"));
        return answers.get(answers.size() - 1);
    }

    @Test
    void a_person_signs_in_through_the_identity_provider_asks_from_their_collections_and_signs_out() {
        provider.nextSignIn("ana", "Ana Diaz", List.of(TwoCollections.GROUP));

        browser.get(server.url("/"));

        WebElement who = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("who")));
        assertThat(browser.getCurrentUrl()).isEqualTo(server.url("/"));
        assertThat(who.getText()).isEqualTo("Ana Diaz");
        Cookie session = browser.manage().getCookieNamed(SignIn.SESSION);
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("holdings"))).getText())
                .contains("3 articles");
        assertThat(answerTo(TwoCollections.memoQuestions().get(0)).getText()).contains("Zoltan Brack");

        provider.nextSignIn("bo", "Bo Lind", List.of());
        browser.findElement(By.id("sign-out")).click();

        wait.until(ExpectedConditions.textToBe(By.id("who"), "Bo Lind"));
        assertThat(browser.findElements(By.cssSelector(".turn"))).as("the chat left with the person who had it").isEmpty();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("holdings"))).getText())
                .contains("2 articles");
        WebElement answer = answerTo(TwoCollections.memoQuestions().get(0));
        assertThat(answer.getAttribute("class")).contains("abstained");
        assertThat(answer.getText()).doesNotContain("Zoltan", "Brack", "Korvath", "dredging-memo");
        assertThat(HeadlessChromium.consoleErrors(browser)).isEmpty();
    }
}
