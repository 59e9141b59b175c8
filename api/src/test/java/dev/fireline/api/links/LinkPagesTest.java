package dev.fireline.api.links;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.api.console.ConsoleTimes;
import dev.fireline.api.pages.PageTemplates;
import dev.fireline.incident.IncidentSnapshot;
import dev.fireline.incident.Severity;
import dev.fireline.incident.Stage;
import dev.fireline.notify.email.LinkTokens;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The e-mail link pages ({@code templates/links/*.html}, as LinkController answers them): the
 * confirmation form, the result and the error pages, their headers, and everything shown escaped.
 */
class LinkPagesTest {
  private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");
  private static final LinkPages PAGES = new LinkPages(PageTemplates.engine(), new ConsoleTimes());

  @Test
  void theAcknowledgeLinkShowsTheIncidentAndAButtonThatPostsBackWithoutASession() {
    ResponseEntity<String> page =
        PAGES.confirm(
            claims(LinkTokens.Action.ACKNOWLEDGE),
            incident("Checkout returns 500", Stage.TRIGGERED, null, null),
            "Alice Adams (alice)");

    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertHeaders(page);
    assertThat(page.getBody())
        .startsWith("<!DOCTYPE html>")
        .contains(
            "<title>Acknowledge INC-7 · Fireline</title>",
            "<h1>Acknowledge INC-7?</h1>",
            "<dt>Incident</dt><dd>INC-7: Checkout returns 500</dd>",
            "<dd>SEV1</dd>",
            "<dd>checkout</dd>",
            "<dd>triggered</dd>",
            "<dd>2026-05-04 10:00 UTC</dd>",
            "<form method=\"post\">",
            "<button type=\"submit\" class=\"acknowledge\">Acknowledge INC-7</button>",
            "You act as Alice Adams (alice). This link works until 2026-05-05 10:00 UTC.")
        // no action (posts to its own URL), no CSRF field, no script, nothing external
        .doesNotContain(
            "action=",
            "_csrf",
            "<script",
            "src=",
            "http",
            "Acknowledged",
            "<textarea",
            "Nothing to do");
  }

  @Test
  void theResolveLinkAsksForAnOptionalSummary() {
    String html =
        PAGES
            .confirm(
                claims(LinkTokens.Action.RESOLVE),
                incident("Checkout returns 500", Stage.ACKNOWLEDGED, "alice", null),
                "alice")
            .getBody();
    assertThat(html)
        .contains(
            "<h1>Resolve INC-7?</h1>",
            "<label for=\"summary\">Resolution summary (optional)</label>",
            "<textarea id=\"summary\" name=\"summary\" rows=\"3\" maxlength=\"2000\"></textarea>",
            "<button type=\"submit\" class=\"resolve\">Resolve INC-7</button>",
            "<dt>Acknowledged</dt><dd>alice, 2026-05-04 10:05 UTC</dd>");
  }

  @Test
  void nothingLeftToDoShowsNoButton() {
    String acknowledged =
        PAGES
            .confirm(
                claims(LinkTokens.Action.ACKNOWLEDGE),
                incident("Checkout returns 500", Stage.ACKNOWLEDGED, "bob", null),
                "alice")
            .getBody();
    assertThat(acknowledged)
        .contains("<p class=\"note\">INC-7 is already acknowledged (by bob). Nothing to do.</p>")
        .doesNotContain("<form", "You act as");

    String resolved =
        PAGES
            .confirm(
                claims(LinkTokens.Action.RESOLVE),
                incident("Checkout returns 500", Stage.RESOLVED, "bob", "Rolled back 1.42"),
                "alice")
            .getBody();
    assertThat(resolved)
        .contains(
            "INC-7 is already resolved (by bob). Nothing to do.",
            "<dt>Resolved</dt><dd>bob, 2026-05-04 10:30 UTC</dd>",
            "<dt>Summary</dt><dd>Rolled back 1.42</dd>")
        .doesNotContain("<form");
  }

  @Test
  void doneAndErrorPages() {
    ResponseEntity<String> done =
        PAGES.done(
            claims(LinkTokens.Action.ACKNOWLEDGE),
            incident("Checkout returns 500", Stage.ACKNOWLEDGED, "alice", null),
            "Alice Adams (alice)");
    assertThat(done.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertHeaders(done);
    assertThat(done.getBody())
        .contains(
            "<title>INC-7 is acknowledged by Alice Adams (alice). Escalation stopped. · Fireline</title>",
            "<h1>INC-7 is acknowledged by Alice Adams (alice). Escalation stopped.</h1>",
            "<dt>Stage</dt><dd>acknowledged</dd>")
        .doesNotContain("<form");

    assertThat(
            PAGES
                .done(
                    claims(LinkTokens.Action.RESOLVE),
                    incident("Checkout returns 500", Stage.RESOLVED, "bob", ""),
                    "alice")
                .getBody())
        .contains("<h1>INC-7 was already resolved by bob.</h1>")
        .doesNotContain("Summary");

    ResponseEntity<String> expired =
        PAGES.error(HttpStatus.GONE, "This link has expired", "Nothing was changed.");
    assertThat(expired.getStatusCode()).isEqualTo(HttpStatus.GONE);
    assertHeaders(expired);
    assertThat(expired.getBody())
        .contains(
            "<title>This link has expired · Fireline</title>",
            "<h1>This link has expired</h1>",
            "<p>Nothing was changed.</p>")
        .doesNotContain("<dl");
  }

  @Test
  void scriptsAndQuotesInTitlesNamesAndMessagesAreEscaped() {
    String hostile = "<script>alert(\"x\")</script> \"quoted\" & 'single'";
    String escaped =
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &quot;quoted&quot; &amp; "
            + "&#39;single&#39;";
    IncidentSnapshot resolved = incident(hostile, Stage.RESOLVED, hostile, hostile);

    String confirm =
        PAGES
            .confirm(
                claims(LinkTokens.Action.RESOLVE),
                incident(hostile, Stage.TRIGGERED, null, null),
                hostile)
            .getBody();
    assertThat(confirm)
        .contains("<dd>INC-7: " + escaped + "</dd>", "You act as " + escaped + ". This link");
    String already = PAGES.confirm(claims(LinkTokens.Action.RESOLVE), resolved, "alice").getBody();
    assertThat(already)
        .contains(
            "<p class=\"note\">INC-7 is already resolved (by " + escaped + "). Nothing to do.</p>",
            "<dt>Summary</dt><dd>" + escaped + "</dd>");
    String done = PAGES.done(claims(LinkTokens.Action.RESOLVE), resolved, hostile).getBody();
    assertThat(done)
        .contains(
            "<title>INC-7 was already resolved by " + escaped + ". · Fireline",
            "<h1>INC-7 was already resolved by " + escaped + ".</h1>");
    String error = PAGES.error(HttpStatus.CONFLICT, hostile, hostile).getBody();
    assertThat(error)
        .contains(
            "<title>" + escaped + " · Fireline</title>",
            "<h1>" + escaped + "</h1>",
            "<p>" + escaped + "</p>");

    for (String html : List.of(confirm, already, done, error)) {
      assertThat(html).doesNotContain("<script", "\"quoted\"", "'single'");
    }
  }

  private static void assertHeaders(ResponseEntity<String> page) {
    assertThat(page.getHeaders().getContentType()).hasToString("text/html;charset=UTF-8");
    assertThat(page.getHeaders().getCacheControl()).isEqualTo("no-store");
    assertThat(page.getHeaders().getFirst("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(page.getHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
    assertThat(page.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(page.getHeaders().getFirst("X-Robots-Tag")).isEqualTo("noindex, nofollow");
    assertThat(page.getHeaders().getFirst("Content-Security-Policy"))
        .isEqualTo(
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                + "frame-ancestors 'none'; base-uri 'none'");
  }

  private static LinkTokens.Claims claims(LinkTokens.Action action) {
    return new LinkTokens.Claims(7, action, "alice", T0.plusSeconds(86_400));
  }

  private static IncidentSnapshot incident(String title, Stage stage, String by, String summary) {
    boolean acknowledged = stage != Stage.TRIGGERED;
    boolean resolved = !stage.isOpen();
    return new IncidentSnapshot(
        7,
        "INC-7",
        title,
        null,
        "checkout",
        Severity.SEV1,
        stage,
        null,
        "bob",
        T0,
        acknowledged ? T0.plusSeconds(300) : null,
        acknowledged ? by : null,
        resolved ? T0.plusSeconds(1800) : null,
        resolved ? by : null,
        summary,
        Map.of(),
        null,
        List.of(),
        null,
        null,
        List.of(),
        null,
        List.of(),
        null,
        null,
        null,
        1);
  }
}
