package dev.fireline.api.links;

import dev.fireline.incident.IncidentSnapshot;
import dev.fireline.notify.email.LinkTokens;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The small HTML pages of the e-mail links; everything shown is escaped. */
final class LinkPages {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private LinkPages() {}

  /** "Acknowledge INC-42?" with the incident and a button that POSTs back to the same URL. */
  static ResponseEntity<String> confirm(LinkTokens.Claims claims, IncidentSnapshot incident,
      String personName) {
    String verb = verb(claims.action());
    StringBuilder body = new StringBuilder()
        .append("<h1>").append(capitalised(verb)).append(' ').append(e(incident.key()))
        .append("?</h1>\n")
        .append(incident(incident));
    String already = alreadyDone(claims.action(), incident);
    if (already != null) {
      body.append("<p class=\"note\">").append(e(already)).append(" Nothing to do.</p>\n");
    } else {
      body.append("<form method=\"post\">\n");
      if (claims.action() == LinkTokens.Action.RESOLVE) {
        body.append("<label for=\"summary\">Resolution summary (optional)</label>\n")
            .append("<textarea id=\"summary\" name=\"summary\" rows=\"3\" maxlength=\"")
            .append(LinkController.MAX_SUMMARY).append("\"></textarea>\n");
      }
      body.append("<button type=\"submit\" class=\"").append(claims.action().name().toLowerCase())
          .append("\">").append(capitalised(verb)).append(' ').append(e(incident.key()))
          .append("</button>\n</form>\n")
          .append("<p class=\"small\">You act as ").append(e(personName)).append(". This link works ")
          .append("until ").append(WHEN.format(claims.expiresAt())).append(".</p>\n");
    }
    return page(HttpStatus.OK, capitalised(verb) + " " + incident.key(), body.toString());
  }

  static ResponseEntity<String> done(LinkTokens.Claims claims, IncidentSnapshot incident,
      String personName) {
    String message;
    if (claims.action() == LinkTokens.Action.ACKNOWLEDGE) {
      message = claims.personId().equals(incident.acknowledgedBy())
          ? incident.key() + " is acknowledged by " + personName + ". Escalation stopped."
          : incident.key() + " was already acknowledged by " + incident.acknowledgedBy() + ".";
    } else {
      message = claims.personId().equals(incident.resolvedBy())
          ? incident.key() + " is resolved by " + personName + "."
          : incident.key() + " was already resolved by " + incident.resolvedBy() + ".";
    }
    return page(HttpStatus.OK, message, "<h1>" + e(message) + "</h1>\n" + incident(incident));
  }

  static ResponseEntity<String> error(HttpStatus status, String heading, String message) {
    return page(status, heading, "<h1>" + e(heading) + "</h1>\n<p>" + e(message) + "</p>\n");
  }

  /** Why the action has nothing left to do, or null. */
  static String alreadyDone(LinkTokens.Action action, IncidentSnapshot incident) {
    if (!incident.stage().isOpen()) {
      return incident.key() + " is already resolved"
          + (incident.resolvedBy() == null ? "." : " (by " + incident.resolvedBy() + ").");
    }
    if (action == LinkTokens.Action.ACKNOWLEDGE && incident.acknowledgedAt() != null) {
      return incident.key() + " is already acknowledged"
          + (incident.acknowledgedBy() == null ? "." : " (by " + incident.acknowledgedBy() + ").");
    }
    return null;
  }

  private static String incident(IncidentSnapshot i) {
    StringBuilder dl = new StringBuilder("<dl>\n")
        .append(row("Incident", i.key() + ": " + i.title()))
        .append(row("Severity", String.valueOf(i.severity())))
        .append(row("Service", i.service()))
        .append(row("Stage", i.stage().name().toLowerCase()))
        .append(row("Declared", when(i.declaredAt())));
    if (i.acknowledgedAt() != null) {
      dl.append(row("Acknowledged", i.acknowledgedBy() + ", " + when(i.acknowledgedAt())));
    }
    if (i.resolvedAt() != null) {
      dl.append(row("Resolved", i.resolvedBy() + ", " + when(i.resolvedAt())));
      if (i.resolutionSummary() != null && !i.resolutionSummary().isBlank()) {
        dl.append(row("Summary", i.resolutionSummary()));
      }
    }
    return dl.append("</dl>\n").toString();
  }

  private static String row(String name, String value) {
    return "<dt>" + e(name) + "</dt><dd>" + e(value) + "</dd>\n";
  }

  private static String when(Instant at) {
    return at == null ? "" : WHEN.format(at);
  }

  private static String verb(LinkTokens.Action action) {
    return action == LinkTokens.Action.ACKNOWLEDGE ? "acknowledge" : "resolve";
  }

  private static String capitalised(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static ResponseEntity<String> page(HttpStatus status, String title, String body) {
    String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        + "<meta name=\"robots\" content=\"noindex,nofollow\">"
        + "<title>" + e(title) + " · Fireline</title>\n<style>"
        + "body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;background:#f4f4f5;"
        + "color:#18181b;margin:0;padding:24px}"
        + "main{max-width:560px;margin:0 auto;background:#fff;border:1px solid #e4e4e7;"
        + "border-radius:8px;padding:24px}"
        + "h1{font-size:20px;margin:0 0 16px}dl{display:grid;grid-template-columns:max-content 1fr;"
        + "gap:4px 16px;font-size:14px}dt{color:#71717a}dd{margin:0}"
        + "label{display:block;font-size:14px;margin:16px 0 4px}"
        + "textarea{width:100%;box-sizing:border-box;font:inherit}"
        + "button{margin-top:16px;padding:12px 20px;border:0;border-radius:6px;color:#fff;"
        + "font-size:16px;font-weight:600;cursor:pointer}"
        + "button.acknowledge{background:#b91c1c}button.resolve{background:#15803d}"
        + ".note{background:#fef9c3;padding:8px 12px;border-radius:6px}"
        + ".small{font-size:12px;color:#52525b}"
        + "</style></head>\n<body><main>\n" + body + "</main></body></html>\n";
    return ResponseEntity.status(status)
        .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .cacheControl(CacheControl.noStore())
        // the token is in the URL: never hand it to another site, never frame the button
        .header("Referrer-Policy", "no-referrer")
        .header("X-Frame-Options", "DENY")
        .header("X-Content-Type-Options", "nosniff")
        .header("X-Robots-Tag", "noindex, nofollow")
        .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
        .body(html);
  }

  static String e(String text) {
    return dev.fireline.text.Html.escape(text);
  }
}
