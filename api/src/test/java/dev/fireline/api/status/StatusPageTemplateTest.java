package dev.fireline.api.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.api.pages.PageTemplates;
import dev.fireline.communicate.statuspage.StatusPage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The HTML page ({@code templates/status.html}, as StatusController renders it): self-contained,
 * escaped, and all of the view's public data.
 */
class StatusPageTemplateTest {
  private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");

  @Test
  void rendersTheViewEscapedWithoutExternalAssets() {
    StatusPage.View view =
        new StatusPage.View(
            "Acme <status>",
            "partial_outage",
            T0.plusSeconds(600),
            14,
            List.of(
                new StatusPage.Component("Checkout", "partial_outage"),
                new StatusPage.Component("Search & \"Browse\"", "operational")),
            List.of(
                new StatusPage.Incident(
                    "abc123",
                    "Partial outage: Checkout",
                    "identified",
                    List.of("Checkout"),
                    T0,
                    null,
                    List.of(
                        new StatusPage.Update(
                            "identified",
                            "Fix <script>alert(1)</script>\nline two",
                            T0.plusSeconds(300)),
                        new StatusPage.Update("investigating", "We are aware.", T0)))),
            List.of(
                new StatusPage.Incident(
                    "def456",
                    "Major outage: Search",
                    "resolved",
                    List.of("Search"),
                    T0.minusSeconds(86_400),
                    T0.minusSeconds(80_000),
                    List.of(
                        new StatusPage.Update(
                            "resolved",
                            "This incident has been resolved.",
                            T0.minusSeconds(80_000))))));

    String html = render(view);

    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains(
            "<title>Acme &lt;status&gt;</title>",
            "Search &amp; &quot;Browse&quot;",
            "Fix &lt;script&gt;alert(1)&lt;/script&gt;\nline two",
            "<div class=\"banner partial_outage\" role=\"status\">Partial outage</div>",
            "Identified &middot; Affects Checkout &middot; Started "
                + "<time datetime=\"2026-05-04T10:00:00Z\">2026-05-04 10:00 UTC</time>",
            "Current incidents",
            "Past incidents (last 14 days)",
            "Major outage: Search",
            "Resolved <time datetime=\"2026-05-03T11:46:40Z\">")
        .doesNotContain("<script", "src=", "http://", "https://", "@import", "url(");
    assertThat(html.indexOf("Fix &lt;script")).isLessThan(html.indexOf("We are aware."));
  }

  @Test
  void allOperationalWithNothingToReport() {
    String html =
        render(
            new StatusPage.View(
                "Status",
                "operational",
                T0,
                1,
                List.of(new StatusPage.Component("Checkout", "operational")),
                List.of(),
                List.of()));
    assertThat(html)
        .contains(
            "All systems operational", "Past incidents (last 1 day)", "No incidents reported.")
        .doesNotContain("Current incidents");
  }

  @Test
  void scriptsAndQuotesInTitlesAndMessagesAreEscaped() {
    String hostile = "<script>alert(\"x\")</script> \"quoted\" & 'single'";
    String html =
        render(
            new StatusPage.View(
                hostile,
                "major_outage",
                T0,
                14,
                List.of(new StatusPage.Component(hostile, "major_outage")),
                List.of(
                    new StatusPage.Incident(
                        "x\"><script>",
                        hostile,
                        "investigating",
                        List.of(hostile),
                        T0,
                        null,
                        List.of(new StatusPage.Update("investigating", hostile, T0)))),
                List.of()));

    String escaped =
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &quot;quoted&quot; &amp; "
            + "&#39;single&#39;";
    assertThat(html)
        .contains(
            "<title>" + escaped + "</title>",
            "<h1>" + escaped + "</h1>",
            "<h3>" + escaped + "</h3>",
            "<span>" + escaped + "</span>",
            "Affects " + escaped + " &middot;",
            "&ndash; " + escaped + "</p>",
            "<article id=\"incident-x&quot;&gt;&lt;script&gt;\">")
        .doesNotContain("<script", "\"quoted\"", "'single'");
  }

  private static String render(StatusPage.View view) {
    return PageTemplates.engine().process("status", StatusController.page(view));
  }
}
