package dev.fireline.coverage;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * A stretch of time {@code [start, end)}, in UTC and as wall-clock time of a zone. The local times
 * are ISO-8601 text with their offset ({@code 2026-10-25T06:00:00+01:00}): the offset tells the two
 * 02:30s of a fall-back night apart, and text passes every JSON mapper unchanged (an OffsetDateTime
 * would be normalised to UTC by Jackson's defaults).
 */
public record Span(Instant start, Instant end, String localStart, String localEnd) {

  public static Span of(Instant start, Instant end, ZoneId zone) {
    return new Span(start, end, local(start, zone), local(end, zone));
  }

  /** The same span starting at {@code earlier} instead: a gap that began before the window. */
  Span from(Span earlier) {
    return new Span(earlier.start(), end, earlier.localStart(), localEnd);
  }

  boolean covers(Instant at) {
    return !start.isAfter(at) && end.isAfter(at);
  }

  private static String local(Instant at, ZoneId zone) {
    return at.atZone(zone).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}
