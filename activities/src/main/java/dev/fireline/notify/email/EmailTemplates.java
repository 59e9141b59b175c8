package dev.fireline.notify.email;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The text and HTML parts of Fireline's e-mails. Everything that comes from incidents or people is
 * escaped in the HTML part; both parts say the same.
 */
final class EmailTemplates {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private EmailTemplates() {}

  /** A button in the HTML part, a labelled URL in the text part. */
  record Link(String label, String url, String colour) {}

  record Content(String text, String html) {}

  /** A labelled URL to read, not to act on: a link in both parts, never a button. */
  record Reference(String label, String url) {}

  /**
   * What a page says besides its body: a description (plain text, line breaks kept) and references
   * such as the runbook and the alert at its source.
   */
  record About(String description, List<Reference> references) {
    static final About NONE = new About(null, List.of());
  }

  static Content render(String heading, String body, List<Link> links, String linkNote) {
    return render(heading, body, About.NONE, links, linkNote);
  }

  /**
   * @param heading the first line (usually the subject)
   * @param body plain text, line breaks kept
   * @param about said after the body, before the action links
   * @param links action links; empty for none
   * @param linkNote said under the links (how they work, when they expire); null without links
   */
  static Content render(
      String heading, String body, About about, List<Link> links, String linkNote) {
    StringBuilder text = new StringBuilder();
    text.append(body == null ? "" : body.strip()).append("\n");
    if (about.description() != null) {
      text.append('\n').append(about.description()).append('\n');
    }
    if (!about.references().isEmpty()) {
      text.append('\n');
      int width = about.references().stream().mapToInt(r -> r.label().length()).max().orElse(0);
      for (Reference reference : about.references()) {
        text.append(reference.label())
            .append(':')
            .append(" ".repeat(width - reference.label().length() + 1))
            .append(reference.url())
            .append('\n');
      }
    }
    if (!links.isEmpty()) {
      text.append('\n');
      int width = links.stream().mapToInt(l -> l.label().length()).max().orElse(0);
      for (Link link : links) {
        text.append(link.label())
            .append(':')
            .append(" ".repeat(width - link.label().length() + 1))
            .append(link.url())
            .append('\n');
      }
      if (linkNote != null) {
        text.append('\n').append(linkNote).append('\n');
      }
    }
    text.append("\n-- \nFireline\n");

    StringBuilder html =
        new StringBuilder()
            .append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">")
            .append("<meta name=\"viewport\" content=\"width=device-width\">")
            .append("<title>")
            .append(escape(heading))
            .append("</title></head>\n")
            .append("<body style=\"margin:0;padding:24px;background:#f4f4f5;")
            .append(
                "font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#18181b\">\n")
            .append("<div style=\"max-width:600px;margin:0 auto;background:#ffffff;padding:24px;")
            .append("border-radius:8px;border:1px solid #e4e4e7\">\n")
            .append("<h1 style=\"font-size:18px;margin:0 0 16px 0\">")
            .append(escape(heading))
            .append("</h1>\n")
            .append("<div style=\"white-space:pre-wrap;font-size:14px;line-height:1.5\">")
            .append(escape(body == null ? "" : body.strip()))
            .append("</div>\n");
    if (about.description() != null) {
      html.append("<div style=\"white-space:pre-wrap;font-size:14px;line-height:1.5;")
          .append("margin:16px 0 0 0;padding:8px 12px;border-left:3px solid #d4d4d8;")
          .append("color:#3f3f46\">")
          .append(escape(about.description()))
          .append("</div>\n");
    }
    if (!about.references().isEmpty()) {
      html.append("<p style=\"font-size:14px;line-height:1.6;margin:16px 0 0 0\">");
      for (int i = 0; i < about.references().size(); i++) {
        Reference reference = about.references().get(i);
        html.append(i == 0 ? "" : "<br>")
            .append("<strong>")
            .append(escape(reference.label()))
            .append(":</strong> <a href=\"")
            .append(escape(reference.url()))
            .append("\" style=\"color:#1d4ed8;word-break:break-all\">")
            .append(escape(reference.url()))
            .append("</a>");
      }
      html.append("</p>\n");
    }
    if (!links.isEmpty()) {
      html.append("<p style=\"margin:24px 0 8px 0\">");
      for (Link link : links) {
        html.append("<a href=\"")
            .append(escape(link.url()))
            .append("\" style=\"display:inline-block;")
            .append("margin:0 8px 8px 0;padding:10px 18px;border-radius:6px;color:#ffffff;")
            .append("text-decoration:none;font-weight:600;background:")
            .append(link.colour())
            .append("\">")
            .append(escape(link.label()))
            .append("</a>");
      }
      html.append("</p>\n");
      if (linkNote != null) {
        html.append("<p style=\"font-size:12px;color:#52525b\">")
            .append(escape(linkNote))
            .append("</p>\n");
      }
    }
    html.append("<p style=\"font-size:12px;color:#71717a;margin-top:24px\">Fireline</p>\n")
        .append("</div>\n</body></html>\n");
    return new Content(text.toString(), html.toString());
  }

  static String linkNote(Instant expiresAt) {
    return "Each link opens a page that asks you to confirm; nothing changes until you press its "
        + "button. The links work until "
        + WHEN.format(expiresAt)
        + ".";
  }

  static String escape(String text) {
    return dev.fireline.text.Html.escape(text);
  }
}
