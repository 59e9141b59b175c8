package dev.fireline.communicate.chat;

import dev.fireline.communicate.Announcement;
import dev.fireline.directory.ServiceDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Slack incoming-webhook message for an announcement: {@code text} (the notification and the
 * fallback) and Block Kit {@code blocks}. Mattermost, Rocket.Chat and others take the same shape
 * (they show {@code text} when they do not render blocks).
 */
final class SlackMessages {
  private static final int HEADER_MAX = 150;
  private static final int SECTION_MAX = 3000;

  private SlackMessages() {}

  static Map<String, Object> message(Announcement a, ServiceDefinition service) {
    String serviceName = service != null && service.name() != null ? service.name() : a.service();
    String headline = a.incidentKey() + " " + verb(a) + ": " + a.title();
    String text =
        emoji(a.kind())
            + " "
            + escape(headline)
            + " ("
            + a.severity()
            + ", "
            + escape(serviceName)
            + ")";

    List<Object> blocks = new ArrayList<>();
    blocks.add(
        Map.of(
            "type",
            "header",
            "text",
            Map.of(
                "type",
                "plain_text",
                "emoji",
                true,
                "text",
                cut(emoji(a.kind()) + " " + headline, HEADER_MAX))));
    blocks.add(
        Map.of(
            "type",
            "section",
            "fields",
            List.of(
                field("Severity", String.valueOf(a.severity())),
                field("Stage", a.stage() == null ? "" : capitalise(a.stage().name())),
                field("Service", serviceName))));
    StringBuilder message =
        new StringBuilder(escape(a.internalMessage() == null ? "" : a.internalMessage()));
    if (a.publicMessage() != null && !a.publicMessage().isBlank()) {
      message.append("\n*Public status update:* ").append(escape(a.publicMessage()));
    }
    if (service != null
        && service.runbookUrl() != null
        && !service.runbookUrl().isBlank()
        && a.kind() == Announcement.Kind.DECLARED) {
      message.append("\n<").append(escape(service.runbookUrl())).append("|Runbook>");
    }
    if (!message.isEmpty()) {
      blocks.add(
          Map.of(
              "type",
              "section",
              "text",
              Map.of("type", "mrkdwn", "text", cut(message.toString(), SECTION_MAX))));
    }
    if (a.at() != null) {
      blocks.add(
          Map.of(
              "type",
              "context",
              "elements",
              List.of(
                  Map.of(
                      "type",
                      "mrkdwn",
                      "text",
                      "Fireline · <!date^"
                          + a.at().getEpochSecond()
                          + "^{date_short_pretty} {time}|"
                          + a.at()
                          + ">"))));
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("text", text);
    payload.put("blocks", blocks);
    return payload;
  }

  private static Map<String, Object> field(String name, String value) {
    return Map.of("type", "mrkdwn", "text", "*" + name + "*\n" + escape(value));
  }

  static String verb(Announcement a) {
    return switch (a.kind()) {
      case DECLARED -> "declared";
      case STATUS_UPDATE ->
          a.stage() == null ? "update" : a.stage().name().toLowerCase(Locale.ROOT);
      case SEVERITY_CHANGED -> "is now " + a.severity();
      case RESOLVED -> "resolved";
    };
  }

  private static String emoji(Announcement.Kind kind) {
    return switch (kind) {
      case DECLARED -> ":rotating_light:";
      case STATUS_UPDATE -> ":mega:";
      case SEVERITY_CHANGED -> ":arrows_counterclockwise:";
      case RESOLVED -> ":white_check_mark:";
    };
  }

  /** Slack's mrkdwn needs only these three escaped. */
  static String escape(String text) {
    return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String capitalise(String constant) {
    String lower = constant.toLowerCase(Locale.ROOT);
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
