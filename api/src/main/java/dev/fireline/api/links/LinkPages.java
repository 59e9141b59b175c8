package dev.fireline.api.links;

import dev.fireline.api.console.ConsoleTimes;
import dev.fireline.incident.IncidentSnapshot;
import dev.fireline.notify.email.LinkTokens;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The small HTML pages of the e-mail links: {@code templates/links/*.html}, rendered by the
 * console's template engine (which escapes everything shown), with this class's headers. A plain
 * context, not the request's: the pages need nothing from the request, and so never open a session.
 */
@Component
class LinkPages {
  private final ITemplateEngine templates;
  private final ConsoleTimes times;

  LinkPages(ITemplateEngine templates, ConsoleTimes times) {
    this.templates = templates;
    this.times = times;
  }

  /** "Acknowledge INC-42?" with the incident and a button that POSTs back to the same URL. */
  ResponseEntity<String> confirm(
      LinkTokens.Claims claims, IncidentSnapshot incident, String personName) {
    Context page = page(incident);
    page.setVariable("title", capitalised(verb(claims.action())) + " " + incident.key());
    page.setVariable("already", alreadyDone(claims.action(), incident));
    page.setVariable("action", claims.action().name().toLowerCase(Locale.ROOT));
    page.setVariable("resolve", claims.action() == LinkTokens.Action.RESOLVE);
    page.setVariable("maxSummary", LinkController.MAX_SUMMARY);
    page.setVariable("personName", personName);
    page.setVariable("expiresAt", claims.expiresAt());
    return respond(HttpStatus.OK, "links/confirm", page);
  }

  ResponseEntity<String> done(
      LinkTokens.Claims claims, IncidentSnapshot incident, String personName) {
    String message;
    if (claims.action() == LinkTokens.Action.ACKNOWLEDGE) {
      message =
          claims.personId().equals(incident.acknowledgedBy())
              ? incident.key() + " is acknowledged by " + personName + ". Escalation stopped."
              : incident.key() + " was already acknowledged by " + incident.acknowledgedBy() + ".";
    } else {
      message =
          claims.personId().equals(incident.resolvedBy())
              ? incident.key() + " is resolved by " + personName + "."
              : incident.key() + " was already resolved by " + incident.resolvedBy() + ".";
    }
    Context page = page(incident);
    page.setVariable("message", message);
    return respond(HttpStatus.OK, "links/done", page);
  }

  ResponseEntity<String> error(HttpStatus status, String heading, String message) {
    Context page = page(null);
    page.setVariable("heading", heading);
    page.setVariable("message", message);
    return respond(status, "links/error", page);
  }

  /** Why the action has nothing left to do, or null. */
  static String alreadyDone(LinkTokens.Action action, IncidentSnapshot incident) {
    if (!incident.stage().isOpen()) {
      return incident.key()
          + " is already resolved"
          + (incident.resolvedBy() == null ? "." : " (by " + incident.resolvedBy() + ").");
    }
    if (action == LinkTokens.Action.ACKNOWLEDGE && incident.acknowledgedAt() != null) {
      return incident.key()
          + " is already acknowledged"
          + (incident.acknowledgedBy() == null ? "." : " (by " + incident.acknowledgedBy() + ").");
    }
    return null;
  }

  private Context page(IncidentSnapshot incident) {
    Context page = new Context(Locale.ENGLISH);
    page.setVariable("incident", incident);
    page.setVariable("times", times);
    return page;
  }

  private static String verb(LinkTokens.Action action) {
    return action == LinkTokens.Action.ACKNOWLEDGE ? "acknowledge" : "resolve";
  }

  private static String capitalised(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private ResponseEntity<String> respond(HttpStatus status, String template, Context page) {
    return ResponseEntity.status(status)
        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .cacheControl(CacheControl.noStore())
        // the token is in the URL: never hand it to another site, never frame the button
        .header("Referrer-Policy", "no-referrer")
        .header("X-Frame-Options", "DENY")
        .header("X-Content-Type-Options", "nosniff")
        .header("X-Robots-Tag", "noindex, nofollow")
        .header(
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; "
                + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
        .body(templates.process(template, page));
  }
}
