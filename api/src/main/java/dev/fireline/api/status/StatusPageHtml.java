package dev.fireline.api.status;

import dev.fireline.communicate.statuspage.ComponentStatus;
import dev.fireline.communicate.statuspage.IncidentStatus;
import dev.fireline.communicate.statuspage.StatusPage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The status page as one self-contained HTML document: inline CSS, no scripts, no external assets,
 * every text escaped. Refreshes itself every minute (a meta refresh, no JavaScript).
 */
final class StatusPageHtml {
  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private static final String STYLE = """
      :root{--ok:#1a7f37;--degraded:#9a6700;--partial:#bc4c00;--major:#cf222e;--muted:#57606a;\
      --line:#d0d7de}
      *{box-sizing:border-box}
      body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;\
      color:#1f2328;background:#f6f8fa}
      main{max-width:760px;margin:0 auto;padding:24px 16px 48px}
      h1{font-size:1.6rem;margin:0 0 16px}
      h2{font-size:1.15rem;margin:32px 0 12px}
      h3{font-size:1.05rem;margin:0 0 4px}
      .banner{padding:14px 18px;border-radius:8px;color:#fff;font-weight:600;font-size:1.1rem}
      .banner.operational{background:var(--ok)}
      .banner.degraded_performance{background:var(--degraded)}
      .banner.partial_outage{background:var(--partial)}
      .banner.major_outage{background:var(--major)}
      ul.components{list-style:none;margin:0;padding:0;background:#fff;\
      border:1px solid var(--line);border-radius:8px}
      ul.components li{display:flex;justify-content:space-between;gap:16px;padding:10px 16px;\
      border-top:1px solid var(--line)}
      ul.components li:first-child{border-top:0}
      .state{font-weight:600}
      .state.operational{color:var(--ok)}
      .state.degraded_performance{color:var(--degraded)}
      .state.partial_outage{color:var(--partial)}
      .state.major_outage{color:var(--major)}
      article{background:#fff;border:1px solid var(--line);border-radius:8px;padding:14px 16px;\
      margin-bottom:12px}
      .meta,time,.empty,footer{color:var(--muted);font-size:.9rem}
      ol.updates{list-style:none;margin:10px 0 0;padding:0}
      ol.updates li{border-left:3px solid var(--line);padding:2px 0 2px 12px;margin-top:10px}
      .message{white-space:pre-line;overflow-wrap:anywhere;margin:0}
      footer{margin-top:40px}
      footer a{color:var(--muted)}
      """;

  private StatusPageHtml() {}

  static String render(StatusPage.View view) {
    StringBuilder html = new StringBuilder(4096);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta http-equiv=\"refresh\" content=\"60\">\n")
        .append("<title>").append(escape(view.title())).append("</title>\n")
        .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n<main>\n")
        .append("<h1>").append(escape(view.title())).append("</h1>\n");

    ComponentStatus overall = ComponentStatus.ofCode(view.status());
    html.append("<div class=\"banner ").append(overall.code()).append("\" role=\"status\">")
        .append(overall == ComponentStatus.OPERATIONAL ? "All systems operational"
            : escape(overall.label()))
        .append("</div>\n");

    if (!view.incidents().isEmpty()) {
      html.append("<section>\n<h2>Current incidents</h2>\n");
      view.incidents().forEach(incident -> incident(html, incident));
      html.append("</section>\n");
    }

    html.append("<section>\n<h2>Components</h2>\n");
    if (view.components().isEmpty()) {
      html.append("<p class=\"empty\">No components.</p>\n");
    } else {
      html.append("<ul class=\"components\">\n");
      for (StatusPage.Component component : view.components()) {
        ComponentStatus status = ComponentStatus.ofCode(component.status());
        html.append("<li><span>").append(escape(component.name()))
            .append("</span><span class=\"state ").append(status.code()).append("\">")
            .append(escape(status.label())).append("</span></li>\n");
      }
      html.append("</ul>\n");
    }
    html.append("</section>\n");

    html.append("<section>\n<h2>Past incidents (last ").append(view.historyDays())
        .append(view.historyDays() == 1 ? " day" : " days").append(")</h2>\n");
    if (view.history().isEmpty()) {
      html.append("<p class=\"empty\">No incidents reported.</p>\n");
    } else {
      view.history().forEach(incident -> incident(html, incident));
    }
    html.append("</section>\n");

    html.append("<footer>Updated ").append(time(view.generatedAt()))
        .append(" &middot; <a href=\"/api/status\">JSON</a></footer>\n")
        .append("</main>\n</body>\n</html>\n");
    return html.toString();
  }

  private static void incident(StringBuilder html, StatusPage.Incident incident) {
    IncidentStatus status = IncidentStatus.ofCode(incident.status());
    html.append("<article id=\"incident-").append(escape(incident.id())).append("\">\n")
        .append("<h3>").append(escape(incident.name())).append("</h3>\n")
        .append("<p class=\"meta\">");
    if (incident.resolvedAt() == null) {
      html.append(escape(status.label())).append(" &middot; ");
    }
    if (!incident.components().isEmpty()) {
      html.append("Affects ").append(escape(String.join(", ", incident.components())))
          .append(" &middot; ");
    }
    html.append("Started ").append(time(incident.startedAt()));
    if (incident.resolvedAt() != null) {
      html.append(" &middot; Resolved ").append(time(incident.resolvedAt()));
    }
    html.append("</p>\n");
    List<StatusPage.Update> updates = incident.updates();
    if (!updates.isEmpty()) {
      html.append("<ol class=\"updates\">\n");
      for (StatusPage.Update update : updates) {
        html.append("<li><p class=\"message\"><strong>")
            .append(escape(IncidentStatus.ofCode(update.status()).label()))
            .append("</strong> &ndash; ").append(escape(update.message())).append("</p>")
            .append(time(update.at())).append("</li>\n");
      }
      html.append("</ol>\n");
    }
    html.append("</article>\n");
  }

  private static String time(Instant at) {
    return "<time datetime=\"" + at + "\">" + SHOWN.format(at) + "</time>";
  }

  static String escape(String text) {
    return dev.fireline.text.Html.escape(text);
  }
}
