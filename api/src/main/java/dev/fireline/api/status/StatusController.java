package dev.fireline.api.status;

import dev.fireline.api.console.ConsoleTimes;
import dev.fireline.communicate.statuspage.StatusPage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The public status page, without login: {@code GET /status} (HTML) and {@code GET /api/status}
 * (JSON, the same data). Shows only what was posted to the page: generic names, public updates,
 * component states. The page is {@code templates/status.html}, rendered by the console's template
 * engine (which escapes every text) into this response, whose headers are set here.
 */
@RestController
@ConditionalOnProperty(
    name = "fireline.status-page.enabled",
    havingValue = "true",
    matchIfMissing = true)
class StatusController {
  /** Incidents bring crowds: a short cache spares the database without hiding news for long. */
  private static final CacheControl CACHE =
      CacheControl.maxAge(Duration.ofSeconds(10)).cachePublic();

  /** Inline styles only: no scripts, no external assets, no framing. */
  private static final String CSP =
      "default-src 'none'; style-src 'unsafe-inline'; "
          + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final StatusPage statusPage;
  private final ITemplateEngine templates;

  StatusController(StatusPage statusPage, ITemplateEngine templates) {
    this.statusPage = statusPage;
    this.templates = templates;
  }

  @GetMapping(path = "/api/status", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<StatusPage.View> json() {
    return ResponseEntity.ok()
        .cacheControl(CACHE)
        .header("Access-Control-Allow-Origin", "*")
        .body(statusPage.view());
  }

  @GetMapping(path = "/status", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> html() {
    return ResponseEntity.ok()
        .cacheControl(CACHE)
        .header("Content-Security-Policy", CSP)
        .header("X-Content-Type-Options", "nosniff")
        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .body(templates.process("status", page(statusPage.view())));
  }

  /**
   * The template's variables: the view, its status codes' labels and the time format. A plain
   * context, not the request's: the page needs nothing from the request or the session.
   */
  static Context page(StatusPage.View view) {
    Context page = new Context(Locale.ENGLISH);
    page.setVariable("view", view);
    page.setVariable("labels", StatusLabels.INSTANCE);
    page.setVariable("times", new ConsoleTimes());
    return page;
  }
}
