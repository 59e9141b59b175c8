package dev.fireline.directory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Shifts as an RFC 5545 iCalendar feed, for subscribing to on-call in a calendar app.
 *
 * <p>One VEVENT per shift: DTSTART/DTEND in UTC ({@code 20260309T130000Z}, whole seconds, shift
 * boundaries truncated to the second; a sub-second shift is left out), a UID stable for a given
 * schedule, layer, person and start (so a re-fetched feed updates events instead of duplicating
 * them; note that a shift clipped by the requested range has a different start and hence a
 * different UID than the whole shift), DTSTAMP as given, and TRANSP:TRANSPARENT (being on call is
 * not being busy). Lines end in CRLF and are folded at 75 octets (never inside a UTF-8 character);
 * text values are escaped.
 */
public final class ICalendarFeed {

  static final String PRODID = "-//Fireline//On-call//EN";
  private static final String CRLF = "\r\n";
  private static final int MAX_LINE_OCTETS = 75;
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private ICalendarFeed() {}

  /**
   * The feed of one schedule: every shift, summarised as {@code On call: alice — Payments
   * (primary)}. Shifts of other schedules are left out.
   *
   * @param dtstamp when the feed was generated (DTSTAMP of every event)
   */
  public static String forSchedule(Schedule schedule, Collection<Shift> shifts, Instant dtstamp) {
    Objects.requireNonNull(schedule, "schedule");
    List<Shift> own = shifts.stream().filter(s -> schedule.id().equals(s.schedule())).toList();
    return render("On call: " + schedule.name(), own, s -> schedule.name(), true, dtstamp);
  }

  /**
   * One person's feed across schedules: their shifts only, summarised as {@code On call: Payments
   * (primary)} (the person is the feed's owner).
   *
   * @param schedules to name the shifts' schedules (a shift of a schedule not among them is named
   *     by its id)
   * @param dtstamp when the feed was generated (DTSTAMP of every event)
   */
  public static String forPerson(
      String person, Collection<Schedule> schedules, Collection<Shift> shifts, Instant dtstamp) {
    Objects.requireNonNull(person, "person");
    Map<String, String> names = new HashMap<>();
    for (Schedule schedule : schedules) {
      names.put(schedule.id(), schedule.name());
    }
    List<Shift> own = shifts.stream().filter(s -> person.equals(s.person())).toList();
    return render(
        "On call: " + person,
        own,
        s -> names.getOrDefault(s.schedule(), s.schedule()),
        false,
        dtstamp);
  }

  private static String render(
      String calendarName,
      List<Shift> shifts,
      Function<Shift, String> scheduleName,
      boolean personInSummary,
      Instant dtstamp) {
    Objects.requireNonNull(dtstamp, "dtstamp");
    StringBuilder out = new StringBuilder();
    line(out, "BEGIN:VCALENDAR");
    line(out, "VERSION:2.0");
    line(out, "PRODID:" + PRODID);
    line(out, "CALSCALE:GREGORIAN");
    line(out, "X-WR-CALNAME:" + text(calendarName));
    String stamp = utc(dtstamp);
    for (Shift shift : shifts) {
      String start = utc(shift.start());
      String end = utc(shift.end());
      if (start.equals(end)) {
        continue; // shorter than the second the format can express
      }
      String schedule = scheduleName.apply(shift);
      String summary =
          "On call: "
              + (personInSummary ? shift.person() + " — " : "")
              + schedule
              + " ("
              + shift.layer()
              + ")";
      String description =
          shift.person()
              + " is on call for the "
              + shift.layer()
              + " layer of "
              + schedule
              + (shift.override() ? " (override)." : ".");
      line(out, "BEGIN:VEVENT");
      line(out, "UID:" + uid(shift));
      line(out, "DTSTAMP:" + stamp);
      line(out, "DTSTART:" + start);
      line(out, "DTEND:" + end);
      line(out, "SUMMARY:" + text(summary));
      line(out, "DESCRIPTION:" + text(description));
      line(out, "TRANSP:TRANSPARENT");
      line(out, "END:VEVENT");
    }
    line(out, "END:VCALENDAR");
    return out.toString();
  }

  /** Stable per schedule, layer, person and start: a SHA-256 of them. */
  static String uid(Shift shift) {
    String key =
        shift.schedule()
            + "\n"
            + shift.layer()
            + "\n"
            + shift.person()
            + "\n"
            + shift.start().truncatedTo(ChronoUnit.SECONDS);
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16) + "@fireline";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private static String utc(Instant instant) {
    return UTC.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /** TEXT value escaping (RFC 5545 3.3.11). */
  static String text(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case ';' -> out.append("\\;");
        case ',' -> out.append("\\,");
        case '\n' -> out.append("\\n");
        case '\r' -> {}
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Appends a content line folded at 75 octets (RFC 5545 3.1): continuation lines start with a
   * space, which counts towards their 75.
   */
  static void line(StringBuilder out, String content) {
    int octets = 0;
    for (int i = 0; i < content.length(); ) {
      int codePoint = content.codePointAt(i);
      int size = utf8Length(codePoint);
      if (octets + size > MAX_LINE_OCTETS) {
        out.append(CRLF).append(' ');
        octets = 1;
      }
      out.appendCodePoint(codePoint);
      octets += size;
      i += Character.charCount(codePoint);
    }
    out.append(CRLF);
  }

  private static int utf8Length(int codePoint) {
    if (codePoint < 0x80) {
      return 1;
    } else if (codePoint < 0x800) {
      return 2;
    } else if (codePoint < 0x10000) {
      return 3;
    }
    return 4;
  }
}
