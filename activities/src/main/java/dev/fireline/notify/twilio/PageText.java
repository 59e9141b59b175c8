package dev.fireline.notify.twilio;

import dev.fireline.notify.NotificationKind;
import dev.fireline.notify.PageFacts;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What an SMS says and what a call speaks, for one notification or several bundled together. */
public final class PageText {
  /** One SMS segment of GSM-7 text. */
  static final int SMS_SEGMENT = 160;

  /** The most segments one SMS page takes (each is billed as a message). */
  public static final int MAX_SMS_SEGMENTS = 3;

  /** A description cut shorter than this says nothing: it is left out instead. */
  private static final int MIN_SMS_DESCRIPTION = 20;

  /** A cut description ends on a whole word when one ends this close to the cut. */
  private static final int WORD_BACKOFF = 15;

  /** About how much of the description a call reads out (a sentence, or a cut near this). */
  static final int SPOKEN_DESCRIPTION = 200;

  private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?|ftp)://\\S+|\\bwww\\.\\S+");
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?](?=\\s|$)");
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

  /** The SMS text without page facts (a bundle, a reminder, or nothing known). */
  public static String sms(List<Item> items) {
    return sms(items, PageFacts.NONE);
  }

  /**
   * The SMS text. One page: see {@link #smsPage}; {@code facts} are those of that page. Several: a
   * count, the first few subjects and how to name the incident in a reply (no facts: a bundle is a
   * summary).
   */
  public static String sms(List<Item> items, PageFacts facts) {
    if (items.size() == 1) {
      Item item = items.get(0);
      if (!item.page()) {
        return "Fireline: " + shorten(item.subject(), 2 * SMS_SEGMENT - 10);
      }
      return smsPage(item, facts);
    }
    long pages = items.stream().filter(Item::page).count();
    StringBuilder text =
        new StringBuilder("Fireline: ")
            .append(items.size())
            .append(pages == items.size() ? " pages. " : " notifications. ");
    text.append(
        items.stream()
            .limit(BUNDLE_LISTED)
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
    return twiml(items, gatherUrl, PageFacts.NONE);
  }

  /**
   * As {@link #twiml(List, String)}; one page also speaks its description, shortened (never a link:
   * nobody can follow a URL read aloud).
   */
  public static String twiml(List<Item> items, String gatherUrl, PageFacts facts) {
    boolean pages = items.stream().anyMatch(Item::page);
    String speech = speech(items, facts);
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>");
    if (pages && gatherUrl != null) {
      String prompt =
          items.size() == 1
              ? " Press 4 to acknowledge, 6 to resolve, 5 to escalate now."
              : " Press 4 to acknowledge all of them, 6 to resolve, 5 to escalate now.";
      String gather =
          "<Gather input=\"dtmf\" numDigits=\"1\" timeout=\"8\" method=\"POST\" action=\""
              + xml(gatherUrl)
              + "\">";
      xml.append(gather).append("<Say>").append(xml(speech + prompt)).append("</Say></Gather>");
      xml.append(gather)
          .append("<Say>")
          .append(xml("Again. " + speech + prompt))
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
    return publicUrl
        + "/api/twilio/voice/gather?incidents="
        + incidents.stream().map(String::valueOf).collect(Collectors.joining(","))
        + "&person="
        + URLEncoder.encode(personId, StandardCharsets.UTF_8);
  }

  static String speech(List<Item> items, PageFacts facts) {
    if (items.size() == 1) {
      Item item = items.get(0);
      String speech =
          (item.page() ? "Fireline page. " : "Fireline notification. ")
              + sentence(spoken(item.subject()));
      String description = item.page() ? spokenDescription(facts.description()) : "";
      return description.isEmpty() ? speech : speech + " " + description;
    }
    StringBuilder text =
        new StringBuilder("Fireline: ").append(items.size()).append(" notifications. ");
    for (int i = 0; i < items.size() && i < BUNDLE_LISTED; i++) {
      text.append(spoken(items.get(i).subject())).append(". ");
    }
    return text.toString().strip();
  }

  /** "[SEV1] INC-42 checkout: Down" → "Severity 1. Incident 42 checkout: Down". */
  static String spoken(String subject) {
    return withoutLinks(subject)
        .replaceAll("\\[SEV(\\d)]", "Severity $1.")
        .replaceAll("\\bINC-(\\d+)", "Incident $1");
  }

  /**
   * The description as a call says it: without links, its first sentence when that is short enough,
   * else cut at a word near {@value #SPOKEN_DESCRIPTION} characters; empty for none.
   */
  static String spokenDescription(String description) {
    if (description == null) {
      return "";
    }
    String text = withoutLinks(description).replaceAll("\\s+", " ").strip();
    Matcher end = SENTENCE_END.matcher(text);
    if (end.find() && end.start() < SPOKEN_DESCRIPTION) {
      return text.substring(0, end.start() + 1);
    }
    if (text.length() > SPOKEN_DESCRIPTION) {
      int space = text.lastIndexOf(' ', SPOKEN_DESCRIPTION);
      text = text.substring(0, space > SPOKEN_DESCRIPTION / 2 ? space : SPOKEN_DESCRIPTION);
    }
    return sentence(text);
  }

  /** Text with its URLs taken out (and the spaces they leave closed up). */
  static String withoutLinks(String text) {
    return URL.matcher(text).replaceAll("").replaceAll(" {2,}", " ").strip();
  }

  /** The text ending as a sentence does, so what follows is read as a new one. */
  private static String sentence(String text) {
    String t = text.strip();
    return t.isEmpty() || t.matches("(?s).*[.!?]$") ? t : t + ".";
  }

  // ---- one SMS page

  /**
   * One page's SMS, in this order, which is also the order of what matters: the subject (severity,
   * incident, service, title), how to reply, the runbook, the alert's link, the description. It
   * takes at most {@value #MAX_SMS_SEGMENTS} segments ({@link SmsSegments}): what does not fit is
   * left out from the end, a link whole (half a URL opens nothing), the description cut short with
   * an ellipsis. Only when the subject and the reply hint alone are longer is the subject cut. The
   * same page and facts always make the same text (a retry sends what the first attempt did).
   */
  static String smsPage(Item item, PageFacts facts) {
    String hint = "." + SMS_PAGE_HINT;
    String subject = flat(item.subject());
    String text = "Fireline " + subject + hint;
    for (int max = subject.length() - 1; !fits(text) && max >= 0; max--) {
      text = "Fireline " + shorten(subject, max) + hint;
    }
    for (String link :
        new String[] {
          facts.runbookUrl() == null ? null : "\nRunbook: " + facts.runbookUrl(),
          facts.alertUrl() == null ? null : "\nAlert: " + facts.alertUrl()
        }) {
      if (link != null && fits(text + link)) {
        text += link;
      }
    }
    String description = facts.description() == null ? "" : flat(facts.description());
    if (description.isEmpty() || subject.contains(description)) {
      return text;
    }
    return withDescription(text, description);
  }

  /** {@code text} and as much of the description as fits; {@code text} alone if too little does. */
  private static String withDescription(String text, String description) {
    if (fits(text + "\n" + description)) {
      return text + "\n" + description;
    }
    int longest = Math.min(description.length() - 1, MAX_SMS_SEGMENTS * SMS_SEGMENT);
    for (int length = longest; length >= MIN_SMS_DESCRIPTION; length--) {
      if (Character.isLowSurrogate(description.charAt(length))) {
        continue; // never half an emoji
      }
      String cut = description.substring(0, length).stripTrailing();
      if (fits(text + "\n" + cut + ellipsis(text + cut))) {
        int space = cut.lastIndexOf(' ');
        if (space >= MIN_SMS_DESCRIPTION && space >= cut.length() - WORD_BACKOFF) {
          cut = cut.substring(0, space); // shorter still fits: end on a whole word
        }
        return text + "\n" + cut + ellipsis(text + cut);
      }
    }
    return text;
  }

  /**
   * "…" is not in the GSM-7 alphabet: in a GSM-7 text it would turn the whole SMS into UCS-2 and
   * cost more than half its room, so such a text ends in three dots.
   */
  private static String ellipsis(String text) {
    return SmsSegments.gsm7(text) ? "..." : "\u2026";
  }

  private static boolean fits(String sms) {
    return SmsSegments.count(sms) <= MAX_SMS_SEGMENTS;
  }

  private static String flat(String text) {
    return text == null ? "" : text.replaceAll("\\s+", " ").strip();
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
