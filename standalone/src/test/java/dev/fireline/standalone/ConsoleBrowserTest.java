package dev.fireline.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.standalone.FirelineApp.Response;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The operator console in headless Chromium, as a person uses it: sign in with the password an
 * admin set, see an alert's incident appear in the list by itself (server-sent events), open it,
 * acknowledge (escalation stops) and resolve it with the page's buttons, put oneself on call on the
 * on-call page, a viewer without buttons (and refused when posting anyway), and acknowledging in
 * two taps on a phone. Screenshots go to target/screenshots.
 */
class ConsoleBrowserTest extends DirectoryApiSupport {
  private static final Duration PATIENCE = Duration.ofSeconds(15);
  private static final String PASSWORD = "a long enough secret";
  private final List<ChromeDriver> browsers = new ArrayList<>();

  @AfterEach
  void quit() {
    browsers.forEach(ChromeDriver::quit);
  }

  @Test
  void aResponderSeesAnAlertsIncidentAppearAcknowledgesAndResolvesIt() {
    Setup setup = pagedResponder();
    ChromeDriver browser = signIn(Browsers.headlessChromium(1280, 1000), setup.responder());
    assertThat(text(browser, By.cssSelector("header .who")))
        .as("signed in as the responder")
        .contains(setup.responder(), "responder");

    // the list is open before the alert: it shows the new incident by itself, without a reload
    browser.get(url("/console"));
    mark(browser);
    String key = alert(setup.integrationKey(), "Checkout returns 500", "warning");
    WebElement row = waitFor(browser, b -> b.findElement(row(key)));
    assertThat(marked(browser)).as("the page reloaded itself (server-sent event)").isFalse();
    assertThat(row.getText()).contains("Checkout returns 500", "triggered", setup.service());
    Browsers.screenshot(browser, "console-incidents");

    row.click();
    waitFor(browser, b -> b.getCurrentUrl().endsWith("/console/incidents/" + key));
    assertThat(text(browser, By.id("stage"))).isEqualTo("triggered");
    assertThat(text(browser, By.cssSelector(".facts"))).contains("next level");
    click(browser, By.id("acknowledge"));
    waitFor(
        browser,
        b ->
            text(b, By.cssSelector("p.done")).equals("Acknowledged: escalation stopped.")
                ? true
                : null);
    assertThat(text(browser, By.id("stage"))).isEqualTo("acknowledged");
    assertThat(text(browser, By.cssSelector(".facts")))
        .contains("escalation stopped", "acknowledged by " + setup.responder())
        .doesNotContain("next level");
    assertThat(browser.findElements(By.id("acknowledge"))).as("no second acknowledge").isEmpty();
    JsonNode incident = app.get("/api/incidents/" + key).body();
    assertThat(incident.path("acknowledgedBy").asString()).isEqualTo(setup.responder());
    assertThat(incident.path("escalation").path("nextAt").isNull())
        .as("no later level is due: %s", incident.path("escalation"))
        .isTrue();
    assertThat(pagedPeople(key)).as("only level 1 was paged").containsOnly(setup.responder());
    Browsers.screenshot(browser, "console-incident");
    // the read model catches up (a server-sent event): the confirmation stays, nothing new to show
    mark(browser);
    Awaitility.await()
        .atMost(PATIENCE)
        .until(
            () ->
                app.get("/api/incidents?service=" + setup.service())
                    .body()
                    .get(0)
                    .path("stage")
                    .asString()
                    .equals("ACKNOWLEDGED"));
    Awaitility.await()
        .during(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(3))
        .until(() -> marked(browser));
    assertThat(text(browser, By.cssSelector("p.done")))
        .isEqualTo("Acknowledged: escalation stopped.");

    // it can wait: snoozed for an hour from the page (it would page again then)
    new Select(browser.findElement(By.name("duration"))).selectByValue("1h");
    click(browser, By.id("snooze"));
    waitFor(
        browser,
        b ->
            text(b, By.cssSelector("p.done")).equals("Snoozed: it pages again in 1 h.")
                ? true
                : null);
    assertThat(text(browser, By.id("timeline"))).contains("Snoozed by " + setup.responder());

    browser.findElement(By.name("summary")).sendKeys("Rolled back the deploy");
    click(browser, By.id("resolve"));
    waitFor(browser, b -> text(b, By.cssSelector("p.done")).equals("Resolved.") ? true : null);
    // SEV3 needs no postmortem: resolving closes it
    assertThat(text(browser, By.id("stage"))).isEqualTo("closed");
    assertThat(text(browser, By.id("timeline")))
        .contains("Resolved by " + setup.responder() + ": Rolled back the deploy");
    assertThat(browser.findElements(By.cssSelector("section.actions"))).isEmpty();
    assertThat(app.get("/api/incidents/" + key).field("resolvedBy")).isEqualTo(setup.responder());
  }

  @Test
  void aResponderPutsThemselvesOnCallAndNowShowsThem() {
    String responder = responder("oscar");
    String regular = people("rita").get(0);
    String schedule = "console" + u;
    create(
        "schedules",
        scheduleBody(
            schedule,
            "UTC",
            List.of(
                layer(
                    "primary",
                    LocalDate.now(ZoneOffset.UTC).minusDays(8),
                    "1w",
                    List.of(regular)))));
    ChromeDriver browser = signIn(Browsers.headlessChromium(1280, 1000), responder);
    browser.get(url("/console/oncall"));
    By now = By.cssSelector("section[data-schedule='" + schedule + "'] b.oncall-now");
    assertThat(text(browser, now)).isEqualTo(regular);

    LocalDateTime from =
        LocalDateTime.now(ZoneOffset.UTC).minusMinutes(5).truncatedTo(ChronoUnit.MINUTES);
    new Select(browser.findElement(By.cssSelector("#override select[name=schedule]")))
        .selectByValue(schedule);
    assertThat(
            browser
                .findElement(By.cssSelector("#override input[name=person]"))
                .getDomProperty("value"))
        .as("the form puts the signed-in person on call")
        .isEqualTo(responder);
    type(browser, By.cssSelector("#override input[name=start]"), from);
    type(browser, By.cssSelector("#override input[name=end]"), from.plusHours(2));
    click(browser, By.cssSelector("#override button[type=submit]"));
    waitFor(
        browser,
        b ->
            text(b, By.cssSelector("p.done")).startsWith(responder + " is on call in " + schedule)
                ? true
                : null);
    assertThat(text(browser, now)).as("Now: the override").isEqualTo(responder);
    assertThat(
            text(browser, By.cssSelector("section[data-schedule='" + schedule + "'] tr.override")))
        .contains(responder, "override");
    assertThat(app.get("/api/oncall?schedule=" + schedule).body().toString()).contains(responder);
    ((JavascriptExecutor) browser)
        .executeScript(
            "document.querySelector(\"section[data-schedule='"
                + schedule
                + "']\").scrollIntoView()");
    Browsers.screenshot(browser, "console-oncall");
  }

  @Test
  void aViewerSeesNoButtonsAndIsRefusedWhenPostingAnyway() {
    Setup setup = pagedResponder();
    String viewer = people("vera").get(0);
    account(viewer, "viewer");
    String key = alert(setup.integrationKey(), "Search is slow", "warning");
    ChromeDriver browser = signIn(Browsers.headlessChromium(1280, 1000), viewer);
    browser.get(url("/console/incidents/" + key));
    assertThat(text(browser, By.id("stage"))).isEqualTo("triggered");
    assertThat(
            browser.findElements(
                By.cssSelector("section.actions, #acknowledge, #resolve," + " #escalate")))
        .as("no action buttons for a viewer")
        .isEmpty();

    // the sign-out form carries the session's CSRF token: post with it as a forged form would
    Object answer =
        ((JavascriptExecutor) browser)
            .executeAsyncScript(
                """
        const done = arguments[arguments.length - 1];
        const csrf = document.querySelector('input[name=_csrf]').value;
        fetch('/console/incidents/%s/acknowledge', {method: 'POST',
            headers: {'Content-Type': 'application/x-www-form-urlencoded'},
            body: '_csrf=' + encodeURIComponent(csrf), redirect: 'manual'})
          .then(r => r.text().then(t => done(r.status + ' ' + t)), e => done('error ' + e));
        """
                    .formatted(key));
    assertThat((String) answer).startsWith("403 ").contains(viewer + " (role viewer) may not POST");
    assertThat(app.get("/api/incidents/" + key).field("stage"))
        .as("nothing happened")
        .isEqualTo("TRIGGERED");
  }

  @Test
  void onAPhoneTwoTapsFromTheListAcknowledge() {
    Setup setup = pagedResponder();
    String key = alert(setup.integrationKey(), "Payments time out", "critical");
    Awaitility.await().atMost(PATIENCE).until(() -> !pagedPeople(key).isEmpty());
    ChromeDriver phone = signIn(Browsers.headlessPhone(390, 844), setup.responder());
    phone.get(url("/console?service=" + setup.service()));
    WebElement row = waitFor(phone, b -> b.findElement(row(key)));
    assertVisibleWithoutScrolling(phone, row);
    Browsers.screenshot(phone, "console-phone-incidents");

    int taps = 0;
    row.click();
    taps++;
    WebElement acknowledge = waitFor(phone, b -> b.findElement(By.id("acknowledge")));
    assertVisibleWithoutScrolling(phone, acknowledge);
    Browsers.screenshot(phone, "console-phone");
    acknowledge.click();
    taps++;
    waitFor(phone, b -> text(b, By.id("stage")).equals("acknowledged") ? true : null);
    assertThat(taps).isEqualTo(2);
    // Read inside a wait: the page may reload itself as the workflow records more after the
    // acknowledgement, and the confirmation is carried over that reload.
    String confirmation = waitFor(phone, b -> blankAsNull(text(b, By.cssSelector("p.done"))));
    assertThat(confirmation).isEqualTo("Acknowledged: escalation stopped.");
    assertThat(app.get("/api/incidents/" + key).field("acknowledgedBy"))
        .isEqualTo(setup.responder());
    Browsers.screenshot(phone, "console-phone-acknowledged");
  }

  // ---- the directory: a responder paged by their service's policy

  /** A responder paged at once by the service's policy; a second level after a minute. */
  record Setup(String responder, String service, String integrationKey) {}

  private Setup pagedResponder() {
    String responder = responder("rose");
    String later = people("larry").get(0);
    String policy = "policy" + u;
    create(
        "escalation-policies",
        map(
            "id",
            policy,
            "name",
            "Policy " + u,
            "levels",
            List.of(
                map("escalate-after", "1m", "targets", List.of("person:" + responder)),
                map("escalate-after", "1m", "targets", List.of("person:" + later)))));
    String service = "console" + u;
    String integrationKey = "console-key" + u;
    create(
        "services",
        map(
            "id",
            service,
            "name",
            "Console " + u,
            "escalation-policy",
            policy,
            "integration-keys",
            List.of(integrationKey)));
    return new Setup(responder, service, integrationKey);
  }

  /** A person named {@code name + u} with role responder and {@link #PASSWORD}. */
  private String responder(String name) {
    String person = people(name).get(0);
    account(person, "responder");
    return person;
  }

  private void account(String person, String role) {
    Response account =
        app.put(
            "/api/people/" + person + "/account", json(map("role", role, "password", PASSWORD)));
    assertThat(account.status()).as("%s", account.body()).isEqualTo(200);
  }

  /** Sends an alert with the service's integration key; returns the incident's key. */
  private String alert(String integrationKey, String summary, String severity) {
    Response alert =
        app.postWithHeader(
            "/api/alerts",
            "Authorization",
            "Bearer " + integrationKey,
            json(
                map(
                    "summary",
                    summary,
                    "severity",
                    severity,
                    "source",
                    "prometheus",
                    "dedup_key",
                    summary + u)));
    assertThat(alert.status()).as("%s", alert.body()).isEqualTo(202);
    assertThat(alert.field("incident")).startsWith("INC-");
    return alert.field("incident");
  }

  private List<String> pagedPeople(String key) {
    return app.pages(List.of(key)).stream().map(p -> p.path("recipientId").asString()).toList();
  }

  // ---- the browser

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** A new browser of that size, signed in through the sign-in form. */
  private ChromeDriver signIn(ChromeDriver browser, String person) {
    browsers.add(browser);
    browser.get(url("/console"));
    waitFor(browser, b -> b.getCurrentUrl().endsWith("/login") ? true : null);
    browser.findElement(By.name("username")).sendKeys(person);
    browser.findElement(By.name("password")).sendKeys(PASSWORD);
    browser.findElement(By.cssSelector("form button[type=submit]")).click();
    waitFor(browser, b -> b.getCurrentUrl().endsWith("/console") ? true : null);
    return browser;
  }

  private static <T> T waitFor(ChromeDriver browser, Function<ChromeDriver, T> ready) {
    try {
      return new WebDriverWait(browser, PATIENCE)
          .pollingEvery(Duration.ofMillis(100))
          .ignoring(StaleElementReferenceException.class)
          .until(driver -> unlessReplaced(() -> ready.apply(browser)));
    } catch (org.openqa.selenium.TimeoutException notThere) {
      Browsers.screenshot(browser, "console-failed");
      throw notThere;
    }
  }

  /**
   * The console reloads a page when the incident changes (server-sent events), so an element found
   * a moment ago can be gone. Chrome reports that either as a stale element or, between finding and
   * reading, as "Node with given id does not belong to the document"; both mean "look again".
   */
  private static <T> T unlessReplaced(java.util.function.Supplier<T> look) {
    try {
      return look.get();
    } catch (org.openqa.selenium.WebDriverException e) {
      String message = String.valueOf(e.getMessage());
      if (message.contains("does not belong to the document")
          || message.contains("No node with given id")) {
        return null;
      }
      throw e;
    }
  }

  private static String blankAsNull(String text) {
    return text.isEmpty() ? null : text;
  }

  /** The element's text, looked up again if the page reloaded between finding and reading it. */
  private static String text(ChromeDriver browser, By by) {
    return waitFor(
        browser,
        b -> {
          try {
            List<WebElement> found = b.findElements(by);
            return found.isEmpty() ? "" : found.get(0).getText().trim();
          } catch (StaleElementReferenceException replaced) {
            return null;
          }
        });
  }

  private static void click(ChromeDriver browser, By by) {
    waitFor(
        browser,
        b -> {
          b.findElement(by).click();
          return true;
        });
  }

  /** A datetime-local input's value as the browser's own picker would set it (UTC on this page). */
  private static void type(ChromeDriver browser, By by, LocalDateTime value) {
    ((JavascriptExecutor) browser)
        .executeScript(
            "arguments[0].value = arguments[1]", browser.findElement(by), value.toString());
  }

  /** The list's link to that incident. */
  private static By row(String key) {
    return By.xpath("//ul[@id='incidents']//a[.//span[@class='key' and text()='" + key + "']]");
  }

  /** A mark on the page's window that a reload (and only a reload) takes away. */
  private static void mark(ChromeDriver browser) {
    ((JavascriptExecutor) browser).executeScript("window.firelineMark = true");
  }

  private static boolean marked(ChromeDriver browser) {
    return Boolean.TRUE.equals(
        ((JavascriptExecutor) browser).executeScript("return window.firelineMark === true"));
  }

  private static void assertVisibleWithoutScrolling(ChromeDriver browser, WebElement element) {
    @SuppressWarnings("unchecked")
    Map<String, Object> seen =
        (Map<String, Object>)
            ((JavascriptExecutor) browser)
                .executeScript(
                    """
        const r = arguments[0].getBoundingClientRect();
        return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                width: window.innerWidth, height: window.innerHeight,
                scrollWidth: document.documentElement.scrollWidth};
        """,
                    element);
    double width = ((Number) seen.get("width")).doubleValue();
    assertThat(((Number) seen.get("scrollWidth")).doubleValue())
        .as("no horizontal scrolling: %s", seen)
        .isLessThanOrEqualTo(width);
    assertThat(((Number) seen.get("left")).doubleValue()).as("%s", seen).isGreaterThanOrEqualTo(0);
    assertThat(((Number) seen.get("right")).doubleValue())
        .as("%s", seen)
        .isLessThanOrEqualTo(width);
    assertThat(((Number) seen.get("bottom")).doubleValue())
        .as("above the fold: %s", seen)
        .isLessThanOrEqualTo(((Number) seen.get("height")).doubleValue());
  }
}
