package dev.fireline.notify.twilio;

import dev.fireline.notify.NotificationKind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** What an SMS says and what a call speaks, for one notification or several bundled together. */
public final class PageText {
  /** One SMS segment of GSM-7 text. */
  static final int SMS_SEGMENT = 160;
  static final String SMS_PAGE_HINT = " Reply 4 to acknowledge, 6 to resolve";
  private static final int BUNDLE_LISTED = 4;
  private static final int BUNDLE_ENTRY = 70;

  private PageText() {}

  /** One notification in a message: its incident, kind and subject line. */
  public record Item(long incidentNumber, NotificationKind kind, String subject) {
    boolean page() {
      return kind == NotificationKind.PAGE;
    }
  }

  /**
   * The SMS text. One page: its subject and the reply hint, within 160 characters (the subject is
   * shortened). Several: a count, the first few subjects and how to name the incident in a reply.
   */
  public static String sms(List<Item> items) {
    if (items.size() == 1) {
      Item item = items.get(0);
      if (!item.page()) {
        return "Fireline: " + shorten(item.subject(), 2 * SMS_SEGMENT - 10);
      }
      String prefix = "Fireline ";
      String hint = "." + SMS_PAGE_HINT;
      return prefix + shorten(item.subject(), SMS_SEGMENT - prefix.length() - hint.length()) + hint;
    }
    long pages = items.stream().filter(Item::page).count();
    StringBuilder text = new StringBuilder("Fireline: ").append(items.size())
        .append(pages == items.size() ? " pages. " : " notifications. ");
    text.append(items.stream().limit(BUNDLE_LISTED)
        .map(i -> shorten(i.subject(), BUNDLE_ENTRY))
        .collect(Collectors.joining("; ")));
    if (items.size() > BUNDLE_LISTED) {
      text.append("; +").append(items.size() - BUNDLE_LISTED).append(" more");
    }
    text.append('.');
    if (pages > 0) {
      Item last = items.stream().filter(Item::page).reduce((a, b) -> b).orElseThrow();
      text.append(" Reply 4 to acknowledge, 6 to resolve, with the incident, e.g. 4 INC-")
          .append(last.incidentNumber());
    }
    return text.toString();
  }

  /**
   * The TwiML of a voice page: speaks the summary and gathers one digit (4 acknowledge, 6 resolve,
   * 5 escalate now), asking once more if nothing is pressed. Without {@code gatherUrl} (no public
   * URL) it only speaks.
   */
  public static String twiml(List<Item> items, String gatherUrl) {
    boolean pages = items.stream().anyMatch(Item::page);
    String speech = speech(items);
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>");
    if (pages && gatherUrl != null) {
      String prompt = items.size() == 1
          ? " Press 4 to acknowledge, 6 to resolve, 5 to escalate now."
          : " Press 4 to acknowledge all of them, 6 to resolve, 5 to escalate now.";
      String gather = "<Gather input=\"dtmf\" numDigits=\"1\" timeout=\"8\" method=\"POST\" action=\""
          + xml(gatherUrl) + "\">";
      xml.append(gather).append("<Say>").append(xml(speech + prompt)).append("</Say></Gather>");
      xml.append(gather).append("<Say>").append(xml("Again. " + speech + prompt))
          .append("</Say></Gather>");
      xml.append("<Say>No key was pressed. Goodbye.</Say>");
    } else {
      xml.append("<Say>").append(xml(speech)).append("</Say>");
      xml.append("<Say>").append(xml("Again. " + speech)).append("</Say>");
    }
    return xml.append("</Response>").toString();
  }

  /** {@code <public url>/api/twilio/voice/gather?incidents=41,42&person=bob}. */
  public static String gatherUrl(String publicUrl, List<Item> items, String personId) {
    Set<Long> incidents = new LinkedHashSet<>();
    items.stream().filter(Item::page).forEach(i -> incidents.add(i.incidentNumber()));
    return publicUrl + "/api/twilio/voice/gather?incidents="
        + incidents.stream().map(String::valueOf).collect(Collectors.joining(","))
        + "&person=" + URLEncoder.encode(personId, StandardCharsets.UTF_8);
  }

  static String speech(List<Item> items) {
    if (items.size() == 1) {
      Item item = items.get(0);
      return (item.page() ? "Fireline page. " : "Fireline notification. ") + spoken(item.subject());
    }
    StringBuilder text = new StringBuilder("Fireline: ").append(items.size())
        .append(" notifications. ");
    for (int i = 0; i < items.size() && i < BUNDLE_LISTED; i++) {
      text.append(spoken(items.get(i).subject())).append(". ");
    }
    return text.toString().strip();
  }

  /** "[SEV1] INC-42 checkout: Down" → "Severity 1. Incident 42 checkout: Down". */
  static String spoken(String subject) {
    return subject.replaceAll("\\[SEV(\\d)]", "Severity $1.")
        .replaceAll("\\bINC-(\\d+)", "Incident $1");
  }

  static String shorten(String text, int max) {
    String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
    if (flat.length() <= max) {
      return flat;
    }
    return flat.substring(0, Math.max(0, max - 3)).strip() + "...";
  }

  /** Escapes text for an XML element or attribute. */
  public static String xml(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> {
          if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
